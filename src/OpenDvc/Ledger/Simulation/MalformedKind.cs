namespace OpenDvc.Ledger.Simulation;

/// <summary>
/// The kinds of bad record the simulator writes on request, one for each rule of the sync contract a
/// validator checks. Each malformed record breaks exactly one rule, so a validator's answer can be checked.
/// </summary>
public enum MalformedKind
{
    /// <summary>The line is cut in the middle: not JSON (in CSV, too few columns).</summary>
    BrokenSyntax = 1,
    MissingMaHoSo,
    MaHoSoTooLong,
    MissingUnit,
    UnknownUnit,
    MissingProcedure,
    UnknownProcedure,
    BadApplicantType,
    BadChannel,
    MissingNoiNopHoSoForOnline,
    BadNoiNopHoSo,
    BadStatus,
    BadTimestamp,
    SubmittedAfterReceived,
    FinishedBeforeReceived,
    ReturnedBeforeFinished,
    DueBeforeReceived,
    FutureTimestamp,
    MissingReceivedDate,
    MissingFinishedDate,
    MissingReturnedDate,
    NegativeFee,
    BadPaymentFlag,
    BadRating,
}
