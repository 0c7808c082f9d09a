using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace OpenDvc.Tests.Platform;

/// <summary>Turns a route template into a path a test can call, filling each parameter with a real demo value.</summary>
public static class RouteSamples
{
    /// <summary>Sample values by parameter name (case-insensitive); a unit parameter gets the unit under test.</summary>
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["code"] = "01",
        ["procedure"] = "1.000001",
        ["id"] = "1",
        ["userName"] = "sample-user",
        ["documentName"] = "v1",
        ["year"] = "2025",
        ["date"] = "2025-01-01",
        ["change"] = "open",
    };

    public static readonly string[] UnitParameters = ["unit", "unitCode"];

    public static bool HasUnitParameter(RoutePattern pattern) =>
        pattern.Parameters.Any(p => UnitParameters.Contains(p.Name, StringComparer.OrdinalIgnoreCase));

    public static string Fill(string template, string unit = "01", IReadOnlyDictionary<string, string>? values = null) =>
        Fill(RoutePatternFactory.Parse(template), unit, values);

    public static string Fill(RoutePattern pattern, string unit = "01", IReadOnlyDictionary<string, string>? values = null)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Uri.EscapeDataString(ValueOf(parameter.Name, unit, values)),
                    _ => "",
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    /// <summary>The template as people write it: leading slash, no trailing one.</summary>
    public static string Normalize(string? rawText)
    {
        var text = "/" + (rawText ?? "").Trim('/');
        return text;
    }

    private static string ValueOf(string name, string unit, IReadOnlyDictionary<string, string>? values) =>
        values?.GetValueOrDefault(name)
        ?? (UnitParameters.Contains(name, StringComparer.OrdinalIgnoreCase) ? unit : null)
        ?? Values.GetValueOrDefault(name)
        ?? "1";
}
