using OpenDvc.Indicators.Definitions;

namespace OpenDvc.Indicators.Calculation;

/// <summary>One indicator's value for a scope and period, with its working, target and score.</summary>
public sealed record IndicatorValue(
    string Code, int Version, string NameVi, string NameEn, string FormulaKey, ValueKind Kind, bool InIndex,
    decimal? Value, decimal Numerator, decimal Denominator, NoData? Missing, decimal? Target, decimal MaxScore, decimal? Score)
{
    /// <summary>Whether the value reaches the target (null without data or without a target).</summary>
    public bool? MeetsTarget => Value is { } v && Target is { } t ? v >= t : null;

    public string Name(bool vietnamese) => vietnamese ? NameVi : NameEn;
}

/// <summary>Decision 766's index for a scope: the points obtained and the points the available data covers.</summary>
public sealed record IndexScore(decimal Points, decimal CoveredPoints)
{
    /// <summary>Out of the index's 100 points: groups 1 and 5.2–5.3 need data the sync does not carry (docs/domain.md).</summary>
    public const decimal TotalPoints = 100m;

    /// <summary>Share of the 100 points this score covers (0–1).</summary>
    public decimal CoveredShare => CoveredPoints / TotalPoints;
}

/// <summary>The target rule (docs/domain.md, Indicators): the maximum if the ratio reaches T, ratio × max ÷ T otherwise.</summary>
public static class Scoring
{
    /// <summary>The score of a ratio; without a target T is 100 %. Null without data or for an unscored indicator.</summary>
    public static decimal? Score(decimal? ratio, decimal? target, decimal maxScore)
    {
        if (ratio is not { } r || maxScore <= 0)
        {
            return null;
        }

        var t = target is > 0 ? target.Value : 1m;
        return r >= t ? maxScore : Math.Max(0m, r) * maxScore / t;
    }

    public static IndicatorValue Evaluate(IndicatorDefinition definition, Totals totals, Formulas.FormulaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var formula = Formulas.All[definition.FormulaKey];
        var measure = formula.Compute(totals, settings);
        var scored = formula.Kind == ValueKind.Ratio ? Score(measure.Value, definition.Target, definition.MaxScore) : null;
        return new IndicatorValue(
            definition.Code, definition.Version, definition.NameVi, definition.NameEn, definition.FormulaKey, formula.Kind, definition.InIndex,
            measure.Value, measure.Numerator, measure.Denominator, measure.Missing, definition.Target, definition.MaxScore, scored);
    }

    /// <summary>The index: points of the scored index indicators that have data, and the points they are worth.</summary>
    public static IndexScore Index(IEnumerable<IndicatorValue> values)
    {
        var scored = values.Where(v => v.InIndex && v.MaxScore > 0 && v.Score is not null).ToList();
        return new IndexScore(scored.Sum(v => v.Score!.Value), scored.Sum(v => v.MaxScore));
    }
}
