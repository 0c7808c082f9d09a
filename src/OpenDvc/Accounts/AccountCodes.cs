using OpenDvc.Platform.Refusals;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace OpenDvc.Accounts;

/// <summary>The accounts' refusal codes (messages in Resources/RefusalText.resx, listed in docs/refusal-codes.md).</summary>
public static class AccountCodes
{
    /// <summary>No user with this name.</summary>
    [RefusedWith(Status404NotFound)] public const string UserNotFound = "OD-USER-NOT-FOUND";

    /// <summary>A user with this name exists already.</summary>
    [RefusedWith(Status409Conflict)] public const string UserExists = "OD-USER-EXISTS";

    /// <summary>Identity refused the user or password (its reasons follow).</summary>
    [RefusedWith(Status400BadRequest)] public const string UserInvalid = "OD-USER-INVALID";

    /// <summary>No such role.</summary>
    [RefusedWith(Status400BadRequest)] public const string RoleUnknown = "OD-ROLE-UNKNOWN";

    /// <summary>A focal point needs a unit.</summary>
    [RefusedWith(Status400BadRequest)] public const string FocalPointNeedsUnit = "OD-FOCAL-POINT-NEEDS-UNIT";

    /// <summary>Only a focal point or a reviewing expert has a unit.</summary>
    [RefusedWith(Status400BadRequest)] public const string UnitOnlyForFocalPoint = "OD-UNIT-ONLY-FOR-FOCAL-POINT";

    /// <summary>The current password is wrong.</summary>
    [RefusedWith(Status400BadRequest)] public const string PasswordWrong = "OD-PASSWORD-WRONG";

    /// <summary>The new password and its confirmation differ.</summary>
    [RefusedWith(Status400BadRequest)] public const string PasswordMismatch = "OD-PASSWORD-MISMATCH";

    /// <summary>The CLI was given no password.</summary>
    [RefusedWith(Status400BadRequest)] public const string PasswordMissing = "OD-PASSWORD-MISSING";

    /// <summary>No sync key with this id.</summary>
    [RefusedWith(Status404NotFound)] public const string KeyNotFound = "OD-KEY-NOT-FOUND";
}
