using System.Text;

namespace OpenDvc.Tests.Ledger;

/// <summary>
/// Random and mutated sync payloads from a seed: valid records with bytes flipped, cut, repeated or swapped for invalid
/// UTF-8, deep or huge JSON, random bytes, envelopes and NDJSON, plain and gzip (some gzip cut short). The same seed
/// gives the same payloads, so a failure can be replayed.
/// </summary>
public sealed class SyncFuzz(int seed)
{
    private readonly Random random = new(seed);

    public (byte[] Body, string MediaType, bool Gzip) Next()
    {
        var lines = Enumerable.Range(0, random.Next(1, 40)).Select(_ => Line()).ToList();
        var envelope = random.Next(3) == 0;
        var body = envelope
            ? Encoding.UTF8.GetBytes("{\"isUpdating\":false,\"data\":[").Concat(Join(lines, (byte)',')).Concat("]}"u8.ToArray()).ToArray()
            : Join(lines, (byte)'\n').ToArray();
        if (random.Next(10) == 0)
        {
            body = Mutate(body);
        }

        var gzip = random.Next(4) == 0;
        if (gzip)
        {
            body = LedgerFiles.Gzip(body);
            if (random.Next(3) == 0)
            {
                body = body[..random.Next(1, body.Length)];
            }
        }

        var mediaType = random.Next(20) == 0 ? "text/plain" : envelope ? "application/json" : "application/x-ndjson";
        return (body, mediaType, gzip);
    }

    private static IEnumerable<byte> Join(List<byte[]> lines, byte separator) =>
        lines.SelectMany((line, i) => i == 0 ? line : [separator, .. line]);

    private byte[] Line() => random.Next(8) switch
    {
        0 => Encoding.UTF8.GetBytes(LedgerFiles.Record(LedgerFiles.Prefix() + random.Next())),
        1 => "{}"u8.ToArray(),
        2 => Encoding.UTF8.GetBytes(new string('[', random.Next(1, 5000)) + new string(']', random.Next(0, 5000))),
        3 => Encoding.UTF8.GetBytes($"{{\"MaHoSo\":\"{LedgerFiles.Prefix()}\",\"MaDonVi\":\"01\",\"PhiLePhi\":{new string('9', random.Next(1, 400))}}}"),
        4 => RandomBytes(random.Next(0, 300)),
        _ => Mutate(Encoding.UTF8.GetBytes(LedgerFiles.Record(LedgerFiles.Prefix() + random.Next()))),
    };

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private byte[] Mutate(byte[] bytes)
    {
        var mutated = bytes.ToList();
        for (var i = random.Next(1, 8); i > 0 && mutated.Count > 0; i--)
        {
            var at = random.Next(mutated.Count);
            switch (random.Next(5))
            {
                case 0: mutated[at] = (byte)random.Next(256); break;
                case 1: mutated.RemoveRange(at, Math.Min(random.Next(1, 30), mutated.Count - at)); break;
                case 2: mutated.InsertRange(at, mutated.Skip(at).Take(random.Next(1, 60)).ToArray()); break;
                case 3: mutated.InsertRange(at, new byte[] { 0xC3, 0x28, 0xFF, 0xFE }.Take(random.Next(1, 4))); break;
                default: mutated.Insert(at, (byte)"\"{}[],:\n\\"[random.Next(9)]); break;
            }
        }

        return [.. mutated];
    }
}
