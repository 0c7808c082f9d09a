using System.Text;

namespace OpenDvc.Ledger.Contract;

/// <summary>
/// Reuses the string of a short code seen before (unit, procedure, agency codes: a few thousand distinct values
/// across millions of records), so reading them allocates nothing after warm-up. Direct-mapped, one reader only.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Slots = 4096;
    private const int MaxLength = 32;
    private readonly byte[]?[] keys = new byte[]?[Slots];
    private readonly string?[] values = new string?[Slots];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var slot = (int)((uint)Hash(utf8) % Slots);
        if (keys[slot] is { } key && utf8.SequenceEqual(key))
        {
            return values[slot]!;
        }

        var value = Encoding.UTF8.GetString(utf8);
        keys[slot] = utf8.ToArray();
        values[slot] = value;
        return value;
    }

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = unchecked((int)2166136261);
        foreach (var b in utf8)
        {
            hash = unchecked((hash ^ b) * 16777619);
        }

        return hash;
    }
}
