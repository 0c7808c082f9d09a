namespace OpenDvc.Resources;

/// <summary>Texts of accounts, admin pages and the audit log: Resources/AccountsText.resx (vi) and AccountsText.en.resx.</summary>
public sealed class AccountsText;
