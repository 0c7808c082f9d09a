using System.ComponentModel.DataAnnotations;

namespace OpenDvc.Ledger;

/// <summary>The ledger's settings, section <c>Ledger</c> (e.g. <c>Ledger__DemoDossiers=50000</c> in the environment); validated at start.</summary>
public sealed class LedgerOptions
{
    public const string Section = "Ledger";

    /// <summary>
    /// Simulated sync records loaded into an empty ledger when the run asks for demo data (<c>serve --demo</c>, or the
    /// first start of the default SQLite file); 0 loads none. The default gives every unit, month and channel from
    /// January 2021 to today enough dossiers for the charts and loads in a few seconds (docs/benchmarks.md).
    /// </summary>
    [Range(0, 20_000_000)]
    public int DemoDossiers { get; set; } = 100_000;

    /// <summary>The demo ledger's seed: the same seed and size always give the same dossiers.</summary>
    public long DemoSeed { get; set; } = 2023;

    /// <summary>Share of demo records that break a contract rule, so the quarantine has something to show.</summary>
    [Range(0.0, 0.2)]
    public double DemoMalformedShare { get; set; } = 0.005;

    /// <summary>
    /// What the demo ledger simulates: from 1 January 2021 to <paramref name="today"/> (at least the simulator's
    /// shortest range), so the demo spans both 2025 reorganisations.
    /// </summary>
    public Simulation.SimulationOptions DemoSimulation(DateOnly today) => new()
    {
        Records = DemoDossiers,
        Seed = DemoSeed,
        MalformedShare = DemoMalformedShare,
        To = today.DayNumber - Simulation.SimulationOptions.DefaultFrom.DayNumber < Simulation.SimulationOptions.MinimumRangeDays
            ? Simulation.SimulationOptions.DefaultFrom.AddDays(Simulation.SimulationOptions.MinimumRangeDays)
            : today,
    };
}
