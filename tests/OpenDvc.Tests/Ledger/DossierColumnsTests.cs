using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Ledger.Storage;

namespace OpenDvc.Tests.Ledger;

/// <summary>The column list the raw writers bind, copy, read and hash through (issue 3, the ingest's speed).</summary>
public sealed class DossierColumnsTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private static Dossier Known() => new()
    {
        Code = "000.00.01.H12-230301-0001",
        UnitCode = "H12",
        ProcedureCode = "1.004368",
        AgencyCode = "Sở Tư pháp",
        ReceivedMonth = 202303,
        Channel = (DossierChannel)2,
        ApplicantType = (ApplicantType)1,
        Status = DossierStatus.Returned,
        SubmittedAt = new DateTimeOffset(2023, 3, 1, 8, 0, 0, Vietnam),
        ReceivedAt = new DateTimeOffset(2023, 3, 1, 9, 30, 0, Vietnam),
        FinishedAt = new DateTimeOffset(2023, 3, 6, 16, 0, 0, Vietnam),
        Clock = (ClockBucket)2,
        DueDate = 20230308,
        SupplementCount = 1,
        SupplementMinutes = 90,
        Fee = 50_000,
        PaidOnline = OnlinePayment.NationalPortal,
        Flags = (DossierTraits)13,
        Rating = Satisfaction.Satisfied,
        ProcessingMinutes = 7230,
        UpdatedAt = new DateTimeOffset(2023, 3, 6, 16, 5, 0, Vietnam),
    };

    /// <summary>
    /// The digest the release before the typed accessors gave this row (computed with that build): stored digests
    /// must not change with a refactoring, or the next re-send of every stored dossier is accepted again.
    /// </summary>
    [Fact]
    public void Content_hash_of_a_known_row_is_the_one_earlier_releases_stored() =>
        Assert.Equal(-3910570891430333039, DossierColumns.Hash(Known()));

    [Fact]
    public void Every_column_copied_through_its_typed_accessors_gives_the_same_row()
    {
        foreach (var seed in Enumerable.Range(0, 200))
        {
            var source = LedgerData.Random(seed, "1.004368", ["A", "B"], ["01", "79"]);
            source.AgencyCode = seed % 3 == 0 ? null : "CQ-" + seed;
            source.SubmittedAt = seed % 2 == 0 ? null : new DateTimeOffset(2023, 3, 1, 8, 0, 0, Vietnam).AddMinutes(seed);
            source.ContentHash = DossierColumns.Hash(source);
            var copy = new Dossier { Code = "", UnitCode = "", ProcedureCode = "" };
            foreach (var column in DossierColumns.All)
            {
                switch (column.Kind)
                {
                    case ColumnKind.Text: column.SetText(copy, column.GetText(source)); break;
                    case ColumnKind.Instant: column.SetInstant(copy, column.GetInstant(source)); break;
                    default: column.SetInteger(copy, column.GetInteger(source)); break;
                }
            }

            Assert.Equal(DossierColumns.All.Select(c => c.Get(source)), DossierColumns.All.Select(c => c.Get(copy)));
            Assert.Equal(source.ContentHash, copy.ContentHash);
            Assert.Equal(source.ContentHash, DossierColumns.Hash(copy));
        }
    }

    [Fact]
    public void Boxed_values_keep_each_columns_own_type_and_set_back_the_same_row()
    {
        var source = Known();
        var copy = new Dossier { Code = "", UnitCode = "", ProcedureCode = "" };
        foreach (var column in DossierColumns.All)
        {
            var value = column.Get(source);
            var expected = column.Kind switch
            {
                ColumnKind.Text => typeof(string),
                ColumnKind.SmallInteger => typeof(short),
                ColumnKind.RegularInteger => typeof(int),
                ColumnKind.BigInteger => typeof(long),
                _ => typeof(DateTimeOffset),
            };
            Assert.True(value is null || value.GetType() == expected, $"{column.Name}: {value?.GetType().Name}");
            column.Set(copy, value);
        }

        Assert.Equal(DossierColumns.Hash(source), DossierColumns.Hash(copy));
        Assert.Null(copy.DueAt);
        Assert.Equal(7230, copy.ProcessingMinutes);
    }

    [Fact]
    public void A_batch_plan_lists_its_rows_in_code_order_and_its_rollup_deltas_in_key_order()
    {
        string[] codes = [.. Enumerable.Range(0, 50).Select(i => $"C{(i * 37) % 50:D3}-{i}")];
        var batch = Enumerable.Range(0, 300)
            .Select(seed => LedgerData.Random(seed, seed % 2 == 0 ? "P2" : "P1", codes, ["79", "01"]))
            .Select((d, i) => LedgerData.Entry(d, i + 1))
            .ToList();

        var plan = BatchPlan.Decide(batch, new Dictionary<string, Dossier>(), DateTimeOffset.UnixEpoch);

        Assert.NotEmpty(plan.Upserts);
        Assert.Equal(plan.Upserts.Select(d => d.Code).Order(StringComparer.Ordinal), plan.Upserts.Select(d => d.Code));
        var keys = plan.Deltas.NonZero().Select(d => d.Key).ToList();
        Assert.True(keys.Count > 1);
        Assert.Equal(keys.Order(Comparer<RollupKey>.Create(RollupKey.Compare)), keys);
        Assert.All(plan.Deltas.NonZero(), d => Assert.Contains(d.Values, v => v != 0));
    }
}
