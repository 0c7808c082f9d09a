namespace OpenDvc.Resources;

/// <summary>Texts of the ledger's storage pages (quarantine): Resources/LedgerStoreText.resx (vi) and LedgerStoreText.en.resx.</summary>
public sealed class LedgerStoreText;
