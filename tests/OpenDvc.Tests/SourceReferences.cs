using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpenDvc.Tests;

/// <summary>
/// The names a source file uses, read from Roslyn's syntax tree as the compiler reads them: comments and strings are not
/// references, and a partly qualified name is one (<c>Registry.Units.Unit</c> written inside <c>namespace
/// OpenDvc.Ledger</c> is OpenDvc.Registry's, issue 19). Razor pages have no C# syntax tree: they are read line by line
/// with a pattern for the same names.
/// </summary>
public static partial class SourceReferences
{
    private const string Root = "OpenDvc";

    /// <summary>The lines (from 1) that name capability <paramref name="capability"/>: <c>OpenDvc.X</c>, or a dotted name starting with <c>X.</c>.</summary>
    public static IReadOnlyList<int> LinesNamingCapability(string path, string source, string capability) =>
        IsRazor(path)
            ? MatchingLines(source, new Regex($@"\b{Root}\.{capability}\b|(?<![\w.""\[/]){capability}\.\w", RegexOptions.CultureInvariant))
            : CodeLines(source, n => n.Identifier.ValueText == capability && StartsOrFollowsRoot(n));

    /// <summary>The lines that name type <paramref name="type"/>, however qualified, or its table <paramref name="table"/> in a string (raw SQL).</summary>
    public static IReadOnlyList<int> LinesNamingType(string path, string source, string type, string table)
    {
        if (IsRazor(path))
        {
            return MatchingLines(source, new Regex($@"\b{type}\b|\b{table}\b", RegexOptions.CultureInvariant));
        }

        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        var names = root.DescendantNodes().OfType<SimpleNameSyntax>().Where(n => n.Identifier.ValueText == type).Select(n => n.GetLocation());
        var sql = root.DescendantTokens()
            .Where(t => IsText(t) && t.ValueText.Contains(table, StringComparison.Ordinal))
            .Select(t => t.GetLocation());
        return names.Concat(sql).Select(l => l.GetLineSpan().StartLinePosition.Line + 1).Distinct().Order().ToList();
    }

    /// <summary>The lines that write text matching <paramref name="pattern"/> in a string (plain, interpolated or raw); comments are not read.</summary>
    public static IReadOnlyList<int> LinesWritingText(string path, string source, Regex pattern) =>
        IsRazor(path)
            ? MatchingLines(source, pattern)
            : CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens()
                .Where(t => IsText(t) && pattern.IsMatch(t.ValueText))
                .Select(t => t.GetLocation().GetLineSpan().StartLinePosition.Line + 1)
                .Distinct().Order().ToList();

    private static bool IsText(SyntaxToken token) =>
        token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken)
        || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken)
        || token.IsKind(SyntaxKind.Utf8StringLiteralToken);

    private static bool IsRazor(string path) => path.EndsWith(".cshtml", StringComparison.Ordinal);

    private static List<int> CodeLines(string source, Func<IdentifierNameSyntax, bool> names) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(names)
            .Select(n => n.GetLocation().GetLineSpan().StartLinePosition.Line + 1)
            .Distinct().Order().ToList();

    /// <summary>
    /// <c>OpenDvc.X</c> (also <c>global::OpenDvc.X</c>), or <c>X.…</c>: the first part of a dotted name, which inside any
    /// <c>namespace OpenDvc.…</c> resolves to the capability <c>OpenDvc.X</c>.
    /// </summary>
    private static bool StartsOrFollowsRoot(IdentifierNameSyntax name) => name.Parent switch
    {
        QualifiedNameSyntax q when q.Right == name => LastPart(q.Left) == Root,
        MemberAccessExpressionSyntax m when m.Name == name => LastPart(m.Expression) == Root,
        QualifiedNameSyntax q when q.Left == name => true,
        MemberAccessExpressionSyntax m when m.Expression == name => true,
        _ => false,
    };

    private static string? LastPart(SyntaxNode node) => node switch
    {
        IdentifierNameSyntax i => i.Identifier.ValueText,
        QualifiedNameSyntax q => q.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
        MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
        _ => null,
    };

    private static List<int> MatchingLines(string source, Regex pattern) =>
        source.Split('\n').Select((line, i) => (Line: i + 1, Text: line)).Where(l => pattern.IsMatch(l.Text)).Select(l => l.Line).ToList();
}
