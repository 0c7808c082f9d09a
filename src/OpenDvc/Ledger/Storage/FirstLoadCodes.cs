namespace OpenDvc.Ledger.Storage;

/// <summary>
/// A first load into an empty dossier table (issue 20): while every stored dossier is one this writer stored, a code
/// it has not stored is not stored at all and needs no primary-key probe. Keeps the 32-bit hashes of the codes it
/// stored (a collision only costs a probe) up to <see cref="MaxCodes"/>, about 20 MB, then stops; the writer stops it
/// too as soon as it sees that another writer added rows between two of its transactions, or when a write fails.
/// </summary>
internal sealed class FirstLoadCodes
{
    /// <summary>The most codes remembered: past it every code is probed again, so memory stays bounded whatever the input's size.</summary>
    public const int MaxCodes = 1 << 20;

    /// <summary>The stored codes' hashes; null once this is no (longer a) first load.</summary>
    private HashSet<int>? stored;

    private FirstLoadCodes(bool active) => stored = active ? [] : null;

    public static FirstLoadCodes Start(bool tableIsEmpty) => new(tableIsEmpty);

    public bool IsActive => stored is not null;

    /// <summary>Whether a probe of <paramref name="code"/> can find a stored row.</summary>
    public bool MayBeStored(string code) => stored is null || stored.Contains(Hash(code));

    public void Stored(IReadOnlyList<Dossier> rows)
    {
        if (stored is null)
        {
            return;
        }

        foreach (var row in rows)
        {
            stored.Add(Hash(row.Code));
        }

        if (stored.Count > MaxCodes)
        {
            Stop();
        }
    }

    public void Stop() => stored = null;

    private static int Hash(string code) => string.GetHashCode(code, StringComparison.Ordinal);
}
