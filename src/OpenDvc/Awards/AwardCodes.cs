using OpenDvc.Platform.Refusals;

using static Microsoft.AspNetCore.Http.StatusCodes;

namespace OpenDvc.Awards;

/// <summary>The awards' refusal codes (messages in Resources/RefusalText.resx, listed in docs/refusal-codes.md).</summary>
public static class AwardCodes
{
    /// <summary>No award campaign with this id.</summary>
    [RefusedWith(Status404NotFound)] public const string CampaignNotFound = "OD-AWARD-CAMPAIGN-NOT-FOUND";

    /// <summary>No nomination with this id.</summary>
    [RefusedWith(Status404NotFound)] public const string NominationNotFound = "OD-AWARD-NOMINATION-NOT-FOUND";

    /// <summary>No attachment with this id on the nomination.</summary>
    [RefusedWith(Status404NotFound)] public const string AttachmentNotFound = "OD-AWARD-ATTACHMENT-NOT-FOUND";

    /// <summary>No certificate: the nomination was not selected, or the results are not published.</summary>
    [RefusedWith(Status404NotFound)] public const string CertificateUnknown = "OD-AWARD-CERTIFICATE-UNKNOWN";

    /// <summary>The campaign's results are published; nothing changes any more.</summary>
    [RefusedWith(Status409Conflict)] public const string Published = "OD-AWARD-PUBLISHED";

    /// <summary>The unit's nomination deadline (with any extension) has passed.</summary>
    [RefusedWith(Status409Conflict)] public const string DeadlinePassed = "OD-AWARD-DEADLINE-PASSED";

    /// <summary>The unit is not in force on the campaign's last day.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string UnitNotInForce = "OD-AWARD-UNIT-NOT-IN-FORCE";

    /// <summary>The unit does not offer the procedure online.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string NotAService = "OD-AWARD-NOT-A-SERVICE";

    /// <summary>The procedure's audience does not fit the category.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string CategoryAudience = "OD-AWARD-CATEGORY-AUDIENCE";

    /// <summary>The nomination is no longer a draft.</summary>
    [RefusedWith(Status409Conflict)] public const string NotADraft = "OD-AWARD-NOT-A-DRAFT";

    /// <summary>The service is already nominated in the category.</summary>
    [RefusedWith(Status409Conflict)] public const string Duplicate = "OD-AWARD-DUPLICATE";

    /// <summary>The unit's quota of the category is used up.</summary>
    [RefusedWith(Status409Conflict)] public const string Quota = "OD-AWARD-QUOTA";

    /// <summary>The service does not meet the letter's criteria (the verdict goes with it).</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string NotEligible = "OD-AWARD-NOT-ELIGIBLE";

    /// <summary>The unit has submitted nominations, so it cannot declare it has none.</summary>
    [RefusedWith(Status409Conflict)] public const string HasNominations = "OD-AWARD-HAS-NOMINATIONS";

    /// <summary>The nomination's attachments cannot change (withdrawn, past the deadline, published).</summary>
    [RefusedWith(Status409Conflict)] public const string NominationClosed = "OD-AWARD-NOMINATION-CLOSED";

    /// <summary>A field of the nomination is too long.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string Invalid = "OD-AWARD-INVALID";

    /// <summary>The campaign's years or days are out of order.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string CampaignDates = "OD-AWARD-CAMPAIGN-DATES";

    /// <summary>The rubric is empty, repeats a code or has a weight that is not positive.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string Rubric = "OD-AWARD-RUBRIC";

    /// <summary>The campaign form is not valid.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string CampaignInvalid = "OD-AWARD-CAMPAIGN-INVALID";

    /// <summary>An extension needs a unit and a day.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ExtensionInvalid = "OD-AWARD-EXTENSION-INVALID";

    /// <summary>The reviewer belongs to the nominating unit.</summary>
    [RefusedWith(Status409Conflict)] public const string ConflictOfInterest = "OD-AWARD-CONFLICT-OF-INTEREST";

    /// <summary>The nomination is not assigned to this reviewer.</summary>
    [RefusedWith(Status403Forbidden)] public const string NotAssigned = "OD-AWARD-NOT-ASSIGNED";

    /// <summary>A criterion's score is missing or out of the scale.</summary>
    [RefusedWith(Status422UnprocessableEntity)] public const string ScoreInvalid = "OD-AWARD-SCORE-INVALID";

    /// <summary>The nomination was withdrawn.</summary>
    [RefusedWith(Status409Conflict)] public const string Withdrawn = "OD-AWARD-WITHDRAWN";

    /// <summary>The unit group already has its quota selected in the category.</summary>
    [RefusedWith(Status409Conflict)] public const string GroupQuota = "OD-AWARD-GROUP-QUOTA";

    /// <summary>Nothing is selected, so there is nothing to publish.</summary>
    [RefusedWith(Status409Conflict)] public const string NothingSelected = "OD-AWARD-NOTHING-SELECTED";

    /// <summary>Publishing needs the confirmation box ticked.</summary>
    [RefusedWith(Status400BadRequest)] public const string PublishNotConfirmed = "OD-AWARD-PUBLISH-NOT-CONFIRMED";
}
