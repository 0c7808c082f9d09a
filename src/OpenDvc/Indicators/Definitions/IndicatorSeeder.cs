using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform;
using OpenDvc.Platform.Database;

namespace OpenDvc.Indicators.Definitions;

/// <summary>
/// The definitions of docs/domain.md (Indicators): Decision 766/QĐ-TTg's index as configured on the national portal and
/// the programme's own figures. Any (code, version) missing from the database is added; existing ones are never
/// changed, so a published figure keeps the definition it was computed with.
/// </summary>
internal sealed class IndicatorSeeder(IServiceScopeFactory scopes) : IDatabaseSeeder
{
    private const string Decision766 = "Quyết định 766/QĐ-TTg ngày 23/6/2022, Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp";
    private static readonly DateOnly From2021 = new(2021, 1, 1);

    /// <summary>Version 1 of every indicator. Group 3's 12 points are split 2 / 4 / 6 among 3.1–3.3 (the sources do not settle it).</summary>
    public static IReadOnlyList<IndicatorDefinition> Seed() =>
    [
        Define(10, "2.1", "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn hoặc đang giải quyết trong hạn", "Dossiers finished early or on time, or pending within the deadline", Formulas.OnTime, null, 20, true, $"{Decision766}, chỉ số 2.1"),
        Define(20, "2.2", "Thời gian giải quyết trung bình của hồ sơ đã giải quyết (ngày)", "Average processing time of finished dossiers (days)", Formulas.AverageProcessingDays, null, 0, true, $"{Decision766}, chỉ số 2.2 (hiển thị, không tính điểm)"),
        Define(30, "3.1", "Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến", "Procedures provided online", Formulas.ProceduresOnline, 0.80m, 2, true, $"{Decision766}, chỉ số 3.1 (2 trong 12 điểm nhóm 3, có thể cấu hình)"),
        Define(40, "3.2", "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ", "Online services with at least one dossier", Formulas.ServicesWithDossiers, null, 4, true, $"{Decision766}, chỉ số 3.2 (4 trong 12 điểm nhóm 3, có thể cấu hình)"),
        Define(50, "3.3", "Tỷ lệ hồ sơ trực tuyến", "Online dossiers", Formulas.OnlineDossiers, 0.50m, 6, true, $"{Decision766}, chỉ số 3.3 (6 trong 12 điểm nhóm 3, có thể cấu hình); hồ sơ có kết quả bản giấy chỉ tính khi có kết quả điện tử"),
        Define(60, "3.5", "Tỷ lệ thủ tục có phí, lệ phí được thanh toán trực tuyến", "Fee-bearing procedures with online payment", Formulas.FeeProceduresPaidOnline, 0.80m, 4, true, $"{Decision766}, chỉ số 3.5"),
        Define(70, "3.6", "Tỷ lệ hồ sơ thanh toán trực tuyến", "Dossiers paid online", Formulas.DossiersPaidOnline, null, 6, true, $"{Decision766}, chỉ số 3.6"),
        Define(80, "4.1", "Tỷ lệ hồ sơ cấp kết quả điện tử", "Dossiers with an electronic result", Formulas.ElectronicResults, null, 6, true, $"{Decision766}, chỉ số 4.1"),
        Define(90, "4.2", "Tỷ lệ hồ sơ được số hóa", "Digitised dossiers", Formulas.Digitised, 0.80m, 4, true, $"{Decision766}, chỉ số 4.2"),
        Define(100, "4.3", "Tỷ lệ hồ sơ tái sử dụng dữ liệu số hóa", "Dossiers reusing digitised data", Formulas.Reused, 0.80m, 2, true, $"{Decision766}, chỉ số 4.3"),
        Define(110, "4.4", "Tỷ lệ hồ sơ sử dụng dữ liệu từ kho dữ liệu của công dân", "Dossiers using the citizen's data store", Formulas.DataStore, null, 4, true, $"{Decision766}, chỉ số 4.4"),
        Define(120, "4.5", "Tỷ lệ hồ sơ sử dụng dữ liệu dân cư", "Dossiers using population data", Formulas.PopulationData, null, 2, true, $"{Decision766}, chỉ số 4.5"),
        Define(130, "5.4", "Mức độ hài lòng: 100% trừ tỷ lệ hồ sơ trễ hạn và tỷ lệ không hài lòng", "100 % minus late and dissatisfied shares", Formulas.NotLateNotDissatisfied, 0.90m, 6, true, $"{Decision766}, chỉ số 5.4"),
        Define(200, "FP", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "Full-process coverage", Formulas.FullProcessCoverage, 1.00m, 0, false, "Văn bản chỉ đạo của Cục Chuyển đổi số quốc gia, 2023: 100% thủ tục đủ điều kiện cung cấp toàn trình"),
        Define(210, "L4", "Tỷ lệ dịch vụ công trực tuyến mức độ 4", "Level-4 coverage", Formulas.Level4Coverage, 1.00m, 0, false, "Văn bản chỉ đạo năm 2021: 100% dịch vụ đủ điều kiện đạt mức độ 4"),
        Define(220, "RO", "Tỷ lệ hồ sơ trực tuyến từ xa", "Remote online dossier rate", Formulas.RemoteOnline, 0.50m, 0, false, "Kế hoạch năm 2023 của Cục Chuyển đổi số quốc gia: 50% hồ sơ trực tuyến từ xa"),
        Define(230, "HL", "Tỷ lệ hài lòng", "Satisfaction", Formulas.Satisfaction, 0.90m, 0, false, "Công văn 3179/BTTTT-CĐSQG (2023), tiêu chí tôn vinh: (rất hài lòng + hài lòng) ÷ hồ sơ được đánh giá ≥ 90%"),
    ];

    private static IndicatorDefinition Define(int order, string code, string vi, string en, string formula, decimal? target, decimal max, bool inIndex, string source) => new()
    {
        Code = code,
        Version = 1,
        NameVi = vi,
        NameEn = en,
        FormulaKey = formula,
        Target = target,
        MaxScore = max,
        InIndex = inIndex,
        Source = source,
        EffectiveFrom = From2021,
        DisplayOrder = order,
    };

    public async Task SeedAsync(AppSettings settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var existing = (await db.Set<IndicatorDefinition>().Select(d => new { d.Code, d.Version }).ToListAsync(cancellationToken))
            .Select(d => (d.Code, d.Version)).ToHashSet();
        var missing = Seed().Where(d => !existing.Contains((d.Code, d.Version))).ToList();
        if (missing.Count > 0)
        {
            db.Set<IndicatorDefinition>().AddRange(missing);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
