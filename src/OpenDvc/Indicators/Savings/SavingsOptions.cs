using System.ComponentModel.DataAnnotations;

namespace OpenDvc.Indicators.Savings;

/// <summary>
/// The assumptions of the time and cost saved (docs/domain.md, "Time and cost saved"): choices of ours, not the law's,
/// so they are configuration ("Indicators:Savings"), shown with their defaults and sources on the methodology page
/// and beside every estimate.
/// </summary>
public sealed class SavingsOptions
{
    /// <summary>Trips a counter dossier takes: one to submit, one to collect the result.</summary>
    [Range(0, 10)]
    public decimal TripsPerCounterDossier { get; set; } = 2;

    /// <summary>Hours per trip: travel both ways and the wait at the one-stop counter.</summary>
    [Range(0, 24)]
    public decimal HoursPerTrip { get; set; } = 2;

    /// <summary>Đồng per trip: travel both ways.</summary>
    [Range(0, 10_000_000)]
    public decimal CostPerTrip { get; set; } = 30_000;

    /// <summary>
    /// Đồng per hour of the applicant's time: the 2023 region I minimum wage (Decree 24/2023/NĐ-CP: 4,680,000 đồng a
    /// month) over 26 working days of 8 hours, about 22,500.
    /// </summary>
    [Range(0, 10_000_000)]
    public decimal ValueOfHour { get; set; } = 22_500;

    /// <summary>Each assumption with its value and source, for display.</summary>
    public IReadOnlyList<(string Key, decimal Value, string SourceVi, string SourceEn)> Assumptions() =>
    [
        ("TripsPerCounterDossier", TripsPerCounterDossier, "Lựa chọn của OpenDVC: một lần nộp, một lần nhận kết quả", "OpenDVC's choice: one trip to submit, one to collect the result"),
        ("HoursPerTrip", HoursPerTrip, "Lựa chọn của OpenDVC: đi lại hai chiều và chờ tại bộ phận một cửa", "OpenDVC's choice: travel both ways and the wait at the counter"),
        ("CostPerTrip", CostPerTrip, "Lựa chọn của OpenDVC: chi phí đi lại hai chiều (đồng)", "OpenDVC's choice: travel both ways (đồng)"),
        ("ValueOfHour", ValueOfHour, "Lương tối thiểu vùng I năm 2023 (Nghị định 24/2023/NĐ-CP, 4.680.000 đ/tháng) ÷ 26 ngày ÷ 8 giờ", "2023 region I minimum wage (Decree 24/2023/NĐ-CP, 4,680,000 đồng a month) ÷ 26 days ÷ 8 hours"),
    ];
}
