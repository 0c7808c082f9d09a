namespace OpenDvc.Indicators.Calculation;

/// <summary>Why a figure is not shown: never 0 % and never 100 % (docs/domain.md, Indicators).</summary>
public enum NoData
{
    /// <summary>The denominator is zero.</summary>
    ZeroDenominator = 1,

    /// <summary>Satisfaction with fewer ratings than the configured minimum.</summary>
    TooFewRatings = 2,
}

/// <summary>How a value reads: a ratio 0–1 shown as a percentage, or a number of days.</summary>
public enum ValueKind
{
    Ratio = 1,
    Days = 2,
}

/// <summary>One computed figure with its working: the value (null when there is no data), what it divides, and why not.</summary>
public sealed record Measure(decimal? Value, decimal Numerator, decimal Denominator, NoData? Missing)
{
    public static Measure Ratio(decimal numerator, decimal denominator) =>
        denominator == 0 ? new(null, numerator, denominator, NoData.ZeroDenominator) : new(numerator / denominator, numerator, denominator, null);
}

/// <summary>
/// The formulas a definition can name (<see cref="Definitions.IndicatorDefinition.FormulaKey"/>). Each is a ratio of
/// <see cref="Totals"/>; the definitions carry the targets and points, so a new version of the text is data, while a
/// new formula is code, here, with its source beside it.
/// </summary>
public static class Formulas
{
    public sealed record Formula(string Key, ValueKind Kind, Func<Totals, FormulaSettings, Measure> Compute);

    /// <summary>What formulas need from configuration.</summary>
    public sealed record FormulaSettings(int MinimumRatings);

    public const string OnTime = "on_time";
    public const string AverageProcessingDays = "average_processing_days";
    public const string ProceduresOnline = "procedures_online";
    public const string ServicesWithDossiers = "services_with_dossiers";
    public const string OnlineDossiers = "online_dossiers";
    public const string FeeProceduresPaidOnline = "fee_procedures_paid_online";
    public const string DossiersPaidOnline = "dossiers_paid_online";
    public const string ElectronicResults = "electronic_results";
    public const string Digitised = "digitised";
    public const string Reused = "reused";
    public const string DataStore = "data_store";
    public const string PopulationData = "population_data";
    public const string NotLateNotDissatisfied = "not_late_not_dissatisfied";
    public const string Satisfaction = "satisfaction";
    public const string FullProcessCoverage = "full_process_coverage";
    public const string Level4Coverage = "level4_coverage";
    public const string RemoteOnline = "remote_online";

    public static IReadOnlyDictionary<string, Formula> All { get; } = new Formula[]
    {
        // Decision 766, 2.1: finished early or on time, or pending within the deadline ÷ dossiers on the clock.
        new(OnTime, ValueKind.Ratio, (t, _) => Measure.Ratio(t.FinishedEarly + t.FinishedOnTime + t.PendingWithinDeadline, t.Clocked)),

        // Decision 766, 2.2: average processing time of finished dossiers, in days (shown, not scored).
        new(AverageProcessingDays, ValueKind.Days, (t, _) => Measure.Ratio(t.ProcessingMinutes / 1440m, t.ProcessingCount)),

        // Decision 766, 3.1: procedures provided online (partial or full) ÷ procedures of the unit.
        new(ProceduresOnline, ValueKind.Ratio, (t, _) => Measure.Ratio(t.ProceduresOnline, t.Procedures)),

        // Decision 766, 3.2: online services with at least one dossier in the period ÷ online services.
        new(ServicesWithDossiers, ValueKind.Ratio, (t, _) => Measure.Ratio(t.OnlineServicesWithDossiers, t.OnlineServices)),

        // Decision 766, 3.3: online dossiers ÷ dossiers; one with a paper result counts only with an electronic result.
        new(OnlineDossiers, ValueKind.Ratio, (t, _) => Measure.Ratio(t.OnlineCounted, t.Dossiers)),

        // Decision 766, 3.5: fee-bearing procedures with online payment (full-process, Decree 42/2022 art. 11) ÷ fee-bearing procedures.
        new(FeeProceduresPaidOnline, ValueKind.Ratio, (t, _) => Measure.Ratio(t.FeeProceduresPaidOnline, t.FeeProcedures)),

        // Decision 766, 3.6: dossiers paid online ÷ dossiers with a non-zero fee.
        new(DossiersPaidOnline, ValueKind.Ratio, (t, _) => Measure.Ratio(t.PaidOnline, t.FeeBearing)),

        // Decision 766, 4.1: dossiers with an electronic result ÷ dossiers of procedures with a paper result.
        new(ElectronicResults, ValueKind.Ratio, (t, _) => Measure.Ratio(t.PaperResultWithElectronicResult, t.PaperResult)),

        // Decision 766, 4.2: digitised dossiers (components, and an electronic result where the result is paper) ÷ dossiers.
        new(Digitised, ValueKind.Ratio, (t, _) => Measure.Ratio(t.DigitisedComplete, t.Dossiers)),

        // Decision 766, 4.3: dossiers reusing digitised data ÷ dossiers.
        new(Reused, ValueKind.Ratio, (t, _) => Measure.Ratio(t.Reused, t.Dossiers)),

        // Decision 766, 4.4: dossiers using the citizen's data store ÷ dossiers.
        new(DataStore, ValueKind.Ratio, (t, _) => Measure.Ratio(t.DataStore, t.Dossiers)),

        // Decision 766, 4.5: dossiers using population data (VNeID-authenticated or from the store) ÷ dossiers.
        new(PopulationData, ValueKind.Ratio, (t, _) => Measure.Ratio(t.PopulationData, t.Dossiers)),

        // Decision 766, 5.4: 100 % − (late % + dissatisfied %); late = finished late or overdue, over dossiers on the
        // clock; dissatisfied over rated dossiers. Either denominator zero: no data.
        new(NotLateNotDissatisfied, ValueKind.Ratio, (t, _) => t.Clocked == 0 || t.Rated == 0
            ? new(null, t.FinishedLate + t.Overdue + t.RatedNotSatisfied, t.Clocked, NoData.ZeroDenominator)
            : new(Math.Max(0m, 1m - (((decimal)(t.FinishedLate + t.Overdue) / t.Clocked) + ((decimal)t.RatedNotSatisfied / t.Rated))), t.FinishedLate + t.Overdue + t.RatedNotSatisfied, t.Clocked, null)),

        // Award criterion (letter 3179/BTTTT-CĐSQG): (very satisfied + satisfied) ÷ rated, only with enough ratings.
        new(Satisfaction, ValueKind.Ratio, (t, s) => t.Rated > 0 && t.Rated < s.MinimumRatings
            ? new(null, t.RatedVerySatisfied + t.RatedSatisfied, t.Rated, NoData.TooFewRatings)
            : Measure.Ratio(t.RatedVerySatisfied + t.RatedSatisfied, t.Rated)),

        // Programme letters: procedures provided full-process ÷ procedures eligible for full-process.
        new(FullProcessCoverage, ValueKind.Ratio, (t, _) => Measure.Ratio(t.FullProcessServices, t.EligibleProcedures)),

        // 2021 letter: level-4 services ÷ eligible procedures.
        new(Level4Coverage, ValueKind.Ratio, (t, _) => Measure.Ratio(t.Level4Services, t.EligibleProcedures)),

        // 2023 plan: dossiers submitted online remotely ÷ all dossiers.
        new(RemoteOnline, ValueKind.Ratio, (t, _) => Measure.Ratio(t.OnlineRemote, t.Dossiers)),
    }.ToDictionary(f => f.Key, StringComparer.Ordinal);
}
