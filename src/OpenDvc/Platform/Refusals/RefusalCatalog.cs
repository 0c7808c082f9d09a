using System.Collections.Frozen;
using System.Reflection;

namespace OpenDvc.Platform.Refusals;

/// <summary>A refusal code as catalogued: where it is declared and the status it is sent with.</summary>
public sealed record CatalogedCode(string Code, int Status, string DeclaredIn, string Name);

/// <summary>
/// Every refusal code of the program: the "OD-…" constants of the static <c>…Codes</c> classes (one per capability),
/// each with its <see cref="RefusedWithAttribute"/> status. Read once by reflection, so Platform names no capability;
/// docs/refusal-codes.md lists it and a test keeps each code's messages in both languages.
/// </summary>
public static class RefusalCatalog
{
    /// <summary>The prefix of the program's codes; the ledger's sync reason codes (ReasonCodes) are another contract.</summary>
    public const string Prefix = "OD-";

    public static IReadOnlyList<CatalogedCode> All { get; } = Read();

    private static readonly FrozenDictionary<string, CatalogedCode> ByCode = All.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    public static int StatusOf(string code) => ByCode.TryGetValue(code, out var found)
        ? found.Status
        : throw new ArgumentException($"{code} is not a catalogued refusal code", nameof(code));

    private static List<CatalogedCode> Read() =>
        (from type in typeof(RefusalCatalog).Assembly.GetTypes()
         where type is { IsAbstract: true, IsSealed: true } && type.Name.EndsWith("Codes", StringComparison.Ordinal)
         from field in type.GetFields(BindingFlags.Public | BindingFlags.Static)
         where field.IsLiteral && field.GetRawConstantValue() is string value && value.StartsWith(Prefix, StringComparison.Ordinal)
         let status = field.GetCustomAttribute<RefusedWithAttribute>()?.Status
             ?? throw new InvalidOperationException($"{type.Name}.{field.Name} has no [RefusedWith] status")
         orderby (string)field.GetRawConstantValue()!
         select new CatalogedCode((string)field.GetRawConstantValue()!, status, type.Name, field.Name)).ToList();
}
