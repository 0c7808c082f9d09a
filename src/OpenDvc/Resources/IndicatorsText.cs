namespace OpenDvc.Resources;

/// <summary>Texts of the indicator pages (dashboard, methodology, unit and service pages): IndicatorsText.resx (vi) and IndicatorsText.en.resx.</summary>
public sealed class IndicatorsText;
