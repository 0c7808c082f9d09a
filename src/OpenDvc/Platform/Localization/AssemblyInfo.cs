using System.Resources;

// Vietnamese is the neutral language: the .resx without a culture suffix holds Vietnamese texts.
[assembly: NeutralResourcesLanguage("vi")]
