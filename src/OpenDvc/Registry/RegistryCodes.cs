using OpenDvc.Platform.Refusals;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace OpenDvc.Registry;

/// <summary>The registry's refusal codes, its imports' row codes among them (messages in Resources/RefusalText.resx, listed in docs/refusal-codes.md).</summary>
public static class RegistryCodes
{
    /// <summary>An import file lacks a column.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportHeaderMissing = "OD-IMPORT-HEADER-MISSING";

    /// <summary>An import cell holds a value outside its list.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportEnum = "OD-IMPORT-ENUM";

    /// <summary>… is a weekend day, already a day off.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string CalendarDayOffOnWeekend = "OD-CALENDAR-DAY-OFF-ON-WEEKEND";

    /// <summary>… is a weekday, already a working day.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string CalendarMakeUpOnWeekday = "OD-CALENDAR-MAKE-UP-ON-WEEKDAY";

    /// <summary>Unknown kind of day.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string CalendarKind = "OD-CALENDAR-KIND";

    /// <summary>The day needs a name (e.g. Tết holiday).</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string CalendarNameRequired = "OD-CALENDAR-NAME-REQUIRED";

    /// <summary>The year must be from … to ….</summary>
    [RefusedWith(Status400BadRequest)] public const string CalendarYearOutOfRange = "OD-CALENDAR-YEAR-OUT-OF-RANGE";

    /// <summary>The start date must fall in …–….</summary>
    [RefusedWith(Status400BadRequest)] public const string CalendarDateOutOfRange = "OD-CALENDAR-DATE-OUT-OF-RANGE";

    /// <summary>The number of working days must be from -… to ….</summary>
    [RefusedWith(Status400BadRequest)] public const string CalendarDaysOutOfRange = "OD-CALENDAR-DAYS-OUT-OF-RANGE";

    /// <summary>That day is not a calendar exception.</summary>
    [RefusedWith(Status404NotFound)] public const string CalendarDayUnknown = "OD-CALENDAR-DAY-UNKNOWN";

    /// <summary>No procedure with code '…'.</summary>
    [RefusedWith(Status404NotFound)] public const string ProcedureUnknown = "OD-PROCEDURE-UNKNOWN";

    /// <summary>Procedure '…' is not eligible for full-process service, so it cannot be offered full-process.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ServiceLevelNotEligible = "OD-SERVICE-LEVEL-NOT-ELIGIBLE";

    /// <summary>Unit '…' does not carry out procedure '…' (by its tier and managing ministry).</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ServiceNotUnitsProcedure = "OD-SERVICE-NOT-UNITS-PROCEDURE";

    /// <summary>The legacy level (Decree 43/2011) must be 1 to 4.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ServiceLegacyLevel = "OD-SERVICE-LEGACY-LEVEL";

    /// <summary>Full-process since cannot be before online since.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ServiceDates = "OD-SERVICE-DATES";

    /// <summary>Unit '…' does not offer procedure '…' online.</summary>
    [RefusedWith(Status404NotFound)] public const string ServiceUnknown = "OD-SERVICE-UNKNOWN";

    /// <summary>Procedure '…' is offered online; remove those services first.</summary>
    [RefusedWith(Status409Conflict)] public const string ProcedureInUse = "OD-PROCEDURE-IN-USE";

    /// <summary>Procedure code '…' is not valid (letters, digits, dots and dashes only; at most 32 characters).</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ProcedureCodeInvalid = "OD-PROCEDURE-CODE-INVALID";

    /// <summary>A procedure not eligible for full-process service needs a reason.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ProcedureReasonRequired = "OD-PROCEDURE-REASON-REQUIRED";

    /// <summary>Unit changes break rules; none was recorded.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string UnitChangesInvalid = "OD-UNIT-CHANGES-INVALID";

    /// <summary>The file has errors; nothing was written.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportInvalid = "OD-IMPORT-INVALID";

    /// <summary>Column '…' needs a value.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportRequired = "OD-IMPORT-REQUIRED";

    /// <summary>The value is longer than … characters.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportTooLong = "OD-IMPORT-TOO-LONG";

    /// <summary>Must be a whole number from … to ….</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportNumber = "OD-IMPORT-NUMBER";

    /// <summary>Must be 1 (yes) or 0 (no).</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportBoolean = "OD-IMPORT-BOOLEAN";

    /// <summary>A date must be written yyyy-MM-dd.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportDate = "OD-IMPORT-DATE";

    /// <summary>'…' already appears on row … of the file.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportDuplicate = "OD-IMPORT-DUPLICATE";

    /// <summary>Column '…' appears twice.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportHeaderDuplicate = "OD-IMPORT-HEADER-DUPLICATE";

    /// <summary>The file has a header row but no data.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportEmpty = "OD-IMPORT-EMPTY";

    /// <summary>The file cannot be read: only Excel (.xlsx) or CSV (UTF-8) files are accepted.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportMalformed = "OD-IMPORT-MALFORMED";

    /// <summary>The successor '…' is not in force on ….</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string UnitSuccessorNotInForce = "OD-UNIT-SUCCESSOR-NOT-IN-FORCE";

    /// <summary>A unit change takes effect on the first day of a month (figures are kept by month).</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string UnitChangeDay = "OD-UNIT-CHANGE-DAY";

    /// <summary>Only changes from a day after today are recorded; history is not rewritten.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string UnitChangePast = "OD-UNIT-CHANGE-PAST";

    /// <summary>The chain of successors from '…' comes back to it.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string UnitSuccessorCycle = "OD-UNIT-SUCCESSOR-CYCLE";

    /// <summary>Unit '…' is already merged into '…'.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string UnitAbsorbedTwice = "OD-UNIT-ABSORBED-TWICE";

    /// <summary>'…' is already recorded as taking over from '…'.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string UnitSuccessionDuplicate = "OD-UNIT-SUCCESSION-DUPLICATE";

    /// <summary>Unit '…' is not in force on ….</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string UnitNotInForce = "OD-UNIT-NOT-IN-FORCE";

    /// <summary>Unit '…' already changes on …; a new change must come after it.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string UnitChangeOrder = "OD-UNIT-CHANGE-ORDER";

    /// <summary>Column … is not part of the layout.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ImportHeaderUnknown = "OD-IMPORT-HEADER-UNKNOWN";

    /// <summary>A registry record breaks rules; the violations follow, each with its field and code.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string RegistryInvalid = "OD-REGISTRY-INVALID";
}
