namespace OpenDvc.Resources;

/// <summary>Texts of the registry's pages: Vietnamese in RegistryText.resx, English in RegistryText.en.resx.</summary>
public sealed class RegistryText;
