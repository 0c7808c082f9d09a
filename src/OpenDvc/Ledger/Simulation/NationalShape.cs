using System.Collections.Frozen;

namespace OpenDvc.Ledger.Simulation;

/// <summary>
/// The simulator's picture of the country: how many dossiers each unit handles and how the programme's
/// uptake figures moved over 2021–2023. These are choices of ours for realistic demo and benchmark data,
/// not published figures: provinces weigh by their population in millions (GSO 2022, rounded) with the two
/// big cities' business activity on top; ministries by their rough share of the national portal's synced
/// dossiers (public security, finance and social security dominate).
/// </summary>
internal static class NationalShape
{
    public static readonly FrozenDictionary<string, double> UnitWeights = new Dictionary<string, double>
    {
        ["BCA"] = 9.0, ["BTC"] = 6.0, ["BHXH"] = 6.5, ["BCT"] = 1.2, ["BGTVT"] = 0.8, ["BYT"] = 0.6,
        ["BKHCN"] = 0.5, ["BTP"] = 0.3, ["BNG"] = 0.3, ["BLDTBXH"] = 0.3, ["BKHDT"] = 0.3, ["NHNN"] = 0.15,
        ["BTTTT"] = 0.15, ["BNNPTNT"] = 0.2, ["BXD"] = 0.15, ["BTNMT"] = 0.15, ["BGDDT"] = 0.15, ["BVHTTDL"] = 0.1,
        ["VPCP"] = 0.05, ["BQP"] = 0.05, ["BNV"] = 0.05, ["UBDT"] = 0.03, ["TTCP"] = 0.03,
        ["01"] = 8.4 * 1.5, ["79"] = 9.4 * 1.5, ["31"] = 2.1 * 1.2, ["48"] = 1.2 * 1.2, ["92"] = 1.25 * 1.1,
        ["02"] = 0.9, ["04"] = 0.54, ["06"] = 0.32, ["08"] = 0.8, ["10"] = 0.77, ["11"] = 0.63, ["12"] = 0.48,
        ["14"] = 1.27, ["15"] = 0.84, ["17"] = 0.87, ["19"] = 1.33, ["20"] = 0.8, ["22"] = 1.35, ["24"] = 1.9,
        ["25"] = 1.5, ["26"] = 1.2, ["27"] = 1.5, ["30"] = 1.95, ["33"] = 1.29, ["34"] = 1.87, ["35"] = 0.88,
        ["36"] = 1.87, ["37"] = 1.0, ["38"] = 3.7, ["40"] = 3.4, ["42"] = 1.3, ["44"] = 0.9, ["45"] = 0.64,
        ["46"] = 1.15, ["49"] = 1.5, ["51"] = 1.25, ["52"] = 1.5, ["54"] = 0.88, ["56"] = 1.25, ["58"] = 0.6,
        ["60"] = 1.25, ["62"] = 0.58, ["64"] = 1.6, ["66"] = 1.9, ["67"] = 0.67, ["68"] = 1.33, ["70"] = 1.03,
        ["72"] = 1.18, ["74"] = 2.76, ["75"] = 3.25, ["77"] = 1.18, ["80"] = 1.7, ["82"] = 1.8, ["83"] = 1.3,
        ["84"] = 1.0, ["86"] = 1.0, ["87"] = 1.6, ["89"] = 1.9, ["91"] = 1.75, ["93"] = 0.73, ["94"] = 1.2,
        ["95"] = 0.92, ["96"] = 1.2,
    }.ToFrozenDictionary();

    /// <summary>Weight of a unit not in the table (a unit added after 2023): a small province.</summary>
    public const double DefaultUnitWeight = 0.5;

    /// <summary>
    /// Share of dossiers submitted online remotely at <paramref name="year"/> (years since 1 January 2021):
    /// about 10 %, 25 % and 40 % as yearly averages of 2021, 2022 and 2023, rising steadily in between.
    /// </summary>
    public static double RemoteOnlineShare(double year) => Math.Clamp(0.10 + (0.15 * (year - 0.5)), 0.02, 0.85);

    /// <summary>Online at the one-stop counter with staff help: small and slowly rising.</summary>
    public static double AssistedOnlineShare(double year) => Math.Clamp(0.03 + (0.02 * year), 0.0, 0.15);

    public const double PostalShare = 0.02;

    /// <summary>Paid online among online fee-bearing dossiers: about 15 %, 35 %, 55 %.</summary>
    public static double OnlinePaymentShare(double year) => Math.Clamp(0.15 + (0.20 * (year - 0.5)), 0.05, 0.9);

    /// <summary>Dossiers with a digitised component: about 20 %, 45 %, 70 %.</summary>
    public static double DigitisedShare(double year) => Math.Clamp(0.20 + (0.25 * (year - 0.5)), 0.05, 0.95);

    public static double ReusedShare(double year) => Math.Clamp(0.05 + (0.10 * (year - 0.5)), 0.01, 0.6);

    public static double DataStoreShare(double year) => Math.Clamp(0.01 + (0.04 * (year - 0.5)), 0.0, 0.3);

    /// <summary>VNeID accounts came in late 2022; among online dossiers.</summary>
    public static double VneidShare(double year) => Math.Clamp(0.45 * (year - 1.5), 0.0, 0.8);

    /// <summary>Finished dossiers whose result is also an electronic document: about 30 %, 50 %, 70 %.</summary>
    public static double ElectronicResultShare(double year) => Math.Clamp(0.30 + (0.20 * (year - 0.5)), 0.1, 0.95);

    /// <summary>Finished late (beyond the due date after supplement time), before the two-supplement rule adds some.</summary>
    public const double LateShare = 0.028;

    /// <summary>Dossiers with one supplement request, and with two (which makes a dossier late by rule).</summary>
    public const double OneSupplementShare = 0.06;
    public const double TwoSupplementsShare = 0.008;

    /// <summary>Returned dossiers the applicant rated; most are never rated.</summary>
    public const double RatedShare = 0.3;

    /// <summary>Among ratings: very satisfied, satisfied, the rest (~5 %) not satisfied.</summary>
    public const double VerySatisfiedShare = 0.62;
    public const double SatisfiedShare = 0.33;

    public const double InterAgencyShare = 0.02;

    /// <summary>Dossiers the source system sends twice: once on receipt, once in their final state.</summary>
    public const double UpdatedShare = 0.08;

    /// <summary>Among updated dossiers, those whose earlier version arrives again after the final one.</summary>
    public const double OutOfOrderShare = 0.05;

    public const double RefusedShare = 0.004;
    public const double WithdrawnShare = 0.004;
    public const double StoppedShare = 0.002;
}
