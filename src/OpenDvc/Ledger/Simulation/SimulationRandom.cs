namespace OpenDvc.Ledger.Simulation;

/// <summary>
/// xoshiro256** seeded by SplitMix64: fast, and the same numbers on every .NET version and machine, which
/// <see cref="Random"/> does not promise. The simulator's output must be byte-identical for a given seed.
/// </summary>
internal sealed class SimulationRandom
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    public SimulationRandom(long seed)
    {
        var x = unchecked((ulong)seed);
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [min, max).</summary>
    public int Next(int min, int max) => min + (int)((NextUInt64() >> 33) * (ulong)(max - min) >> 31);

    public bool Chance(double probability) => NextDouble() < probability;

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
