using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace OpenDvc.Platform.Web;

/// <summary>One page of a list, paged by key, never by offset: the next page starts after the last key seen.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// Opaque keyset cursors: the last row's key values, base64url-encoded JSON. Offsets are never used because
/// their cost grows with the page number; a keyset page costs one index seek whatever the table's size.
/// </summary>
public static class Keyset
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static int Limit(int? requested) => Math.Clamp(requested ?? DefaultLimit, 1, MaxLimit);

    public static string Encode(params string[] keys) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(keys)));

    /// <summary>Decodes a cursor into its key values; null when absent or not one of ours.</summary>
    public static string[]? Decode(string? cursor, int expectedKeys)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var keys = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(cursor));
            return keys is not null && keys.Length == expectedKeys ? keys : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Builds the page from a query that fetched one row more than the limit.</summary>
    public static Page<T> ToPage<T>(List<T> fetched, int limit, Func<T, string[]> keyOf)
    {
        if (fetched.Count <= limit)
        {
            return new Page<T>(fetched, null);
        }

        fetched.RemoveAt(fetched.Count - 1);
        return new Page<T>(fetched, Encode(keyOf(fetched[^1])));
    }
}
