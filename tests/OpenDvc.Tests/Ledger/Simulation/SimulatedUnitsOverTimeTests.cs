using System.Text;
using System.Text.Json;
using OpenDvc.Ledger.Simulation;
using OpenDvc.Registry;
using OpenDvc.Registry.Demo;
using OpenDvc.Registry.Procedures;

namespace OpenDvc.Tests.Ledger.Simulation;

/// <summary>
/// Issue 15: across the 2025 reorganisations the simulator writes each record under a unit in force on its received
/// date (else submitted date), with a procedure that unit offers, or one an absorbed ministry offered and it carries on.
/// </summary>
public sealed class SimulatedUnitsOverTimeTests
{
    private static readonly DateOnly Provinces2025 = new(2025, 7, 1);
    private static readonly DateOnly Ministries2025 = new(2025, 3, 1);

    private static readonly Lazy<List<(string Unit, string Procedure, DateOnly Day)>> Records = new(() =>
    {
        using var output = new MemoryStream();
        DossierSimulator.ForDemoRegistry(new SimulationOptions { Records = 60_000, Seed = 15, From = new(2024, 1, 1), To = new(2025, 12, 31) }).Write(output);
        return Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var r = JsonDocument.Parse(line).RootElement;
            var day = ContractCheck.Timestamp(r, "NgayTiepNhan") ?? ContractCheck.Timestamp(r, "NgayNopHoSo")!.Value;
            return (r.GetProperty("MaDonVi").GetString()!, r.GetProperty("MaTTHC").GetString()!, DateOnly.FromDateTime(day));
        }).ToList();
    });

    [Fact]
    public void Every_record_is_of_a_unit_in_force_on_its_received_date()
    {
        var units = ReferenceData.UnitsOverTime().ToDictionary(u => u.Code, StringComparer.Ordinal);

        Assert.All(Records.Value, r => Assert.True(units[r.Unit].IsValidOn(r.Day), $"{r.Unit} on {r.Day}"));
    }

    [Fact]
    public void An_ended_province_syncs_before_its_merger_and_its_successor_after()
    {
        var oldLaoCai = Records.Value.Where(r => r.Unit == "10").ToList();
        var newLaoCai = Records.Value.Where(r => r.Unit == "15").ToList();

        Assert.NotEmpty(oldLaoCai);
        Assert.All(oldLaoCai, r => Assert.True(r.Day < Provinces2025));
        Assert.Contains(newLaoCai, r => r.Day < Provinces2025);
        Assert.Contains(newLaoCai, r => r.Day >= Provinces2025);
        // The new Lào Cai carries Yên Bái's dossiers and the old Lào Cai's: more a month than Yên Bái alone.
        Assert.True(newLaoCai.Count(r => r.Day >= new DateOnly(2025, 7, 1)) > newLaoCai.Count(r => r.Day >= new DateOnly(2024, 7, 1) && r.Day < new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void An_absorbed_ministrys_central_procedures_pass_to_its_successor()
    {
        var procedures = DemoRegistry.Procedures().ToDictionary(p => p.Code, StringComparer.Ordinal);
        var transport = Records.Value.Where(r => procedures[r.Procedure] is { Tier: ProcedureTier.Central, ManagingUnitCode: "BGTVT" }).ToList();

        Assert.Contains(transport, r => r.Unit == "BGTVT");
        Assert.All(transport, r => Assert.Equal(r.Day < Ministries2025 ? "BGTVT" : "BXD", r.Unit));
        Assert.Contains(transport, r => r.Unit == "BXD");
    }

    [Fact]
    public void Every_procedure_is_offered_by_the_records_unit_or_by_a_ministry_merged_into_it()
    {
        var units = ReferenceData.UnitsOverTime();
        var procedures = DemoRegistry.Procedures().ToList();
        var offered = DemoRegistry.Services(units, procedures).Select(s => (s.UnitCode, s.ProcedureCode)).ToHashSet();
        var successor = units.Where(u => u.SuccessorCode is not null).ToDictionary(u => u.Code, u => u.SuccessorCode!, StringComparer.Ordinal);

        Assert.All(Records.Value.Select(r => (r.Unit, r.Procedure)).Distinct(), pair => Assert.True(
            offered.Contains(pair) || offered.Any(o => o.ProcedureCode == pair.Procedure && successor.GetValueOrDefault(o.UnitCode) == pair.Unit),
            $"{pair.Unit} {pair.Procedure}"));
    }
}
