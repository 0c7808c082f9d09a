namespace OpenDvc.Resources;

/// <summary>Texts of the surveys pages: Resources/SurveysText.resx (vi) and SurveysText.en.resx.</summary>
public sealed class SurveysText;
