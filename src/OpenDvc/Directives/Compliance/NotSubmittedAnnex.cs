using System.Globalization;
using OpenDvc.Directives.Letters;
using OpenDvc.Platform.Pdf;

namespace OpenDvc.Directives.Compliance;

/// <summary>
/// The "not yet submitted" list printed as the annex of the agency's letters (phụ lục): the letter's number, the
/// deliverable and the day, then ministries and ministerial-level agencies and provinces and centrally-run cities, each
/// numbered from 1 with its count, and the units whose extension was still running, with their new due dates.
/// </summary>
public static class NotSubmittedAnnex
{
    private static readonly PdfColumn[] Columns =
    [
        new("STT / No.", Figures: true), new("Mã / Code"), new("Tên đơn vị / Unit"), new("Hạn / Due"), new("Ghi chú / Note"),
    ];

    public static void Write(NotSubmittedList list, Stream output)
    {
        ArgumentNullException.ThrowIfNull(list);
        using var report = new PdfReport(
            $"Phụ lục: Danh sách đơn vị chưa gửi – Công văn số {list.DirectiveNumber}",
            string.Create(CultureInfo.InvariantCulture, $"Annex: units that had not submitted by {list.Day:yyyy-MM-dd}"));
        report.Paragraph($"Annex to letter No. {list.DirectiveNumber}: units that had not submitted.");
        report.Facts(
        [
            ("Văn bản / Letter", list.DirectiveNumber),
            ("Nội dung yêu cầu / Deliverable", list.Deliverable),
            ("Hạn nộp / Due date", Day(list.DueDate)),
            ("Tính đến hết ngày / As of the end of", Day(list.Day)),
            ("Phạm vi / Units concerned", Scope(list.Scope)),
            ("Số đơn vị chưa gửi / Units not submitted", string.Create(CultureInfo.InvariantCulture, $"{list.Ministries.Count + list.Provinces.Count} / {list.Recipients}")),
        ]);

        Group(report, $"I. Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ ({list.Ministries.Count}) / Ministries and ministerial-level agencies", list.Ministries);
        Group(report, $"II. Các tỉnh, thành phố trực thuộc Trung ương ({list.Provinces.Count}) / Provinces and centrally-run cities", list.Provinces);
        if (list.ExtensionRunning.Count > 0)
        {
            Group(report, $"Đơn vị đang được gia hạn, không tính là chưa gửi ({list.ExtensionRunning.Count}) / Extension still running, not listed", list.ExtensionRunning);
        }

        report.Save(output);
    }

    private static void Group(PdfReport report, string heading, IReadOnlyList<NotSubmittedUnit> units)
    {
        report.Heading(heading);
        if (units.Count == 0)
        {
            report.Paragraph("Không có / None.");
            return;
        }

        report.Table(Columns, units.Select((u, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(CultureInfo.InvariantCulture), u.Code, u.Name, Day(u.DueDate),
            u.Extended ? $"Được gia hạn đến {Day(u.DueDate)} / Extended to {u.DueDate:yyyy-MM-dd}" : Status(u.Status),
        ]));
    }

    private static string Scope(DeliverableScope scope) => scope switch
    {
        DeliverableScope.Ministries => "Chỉ các bộ, ngành / Ministries only",
        DeliverableScope.Provinces => "Chỉ các tỉnh, thành phố / Provinces only",
        DeliverableScope.WithOnlineServices => "Chỉ các đơn vị có cung cấp dịch vụ công trực tuyến / Units providing online services only",
        DeliverableScope.ChosenUnits => "Các đơn vị được chọn / Chosen units only",
        _ => "Tất cả đơn vị nhận văn bản / All recipients",
    };

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Status(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Returned => "Bị trả lại, chưa gửi lại / Returned, not resent",
        ComplianceStatus.Missing => "Chưa gửi / Not submitted",
        ComplianceStatus.NotDue => "Chưa đến hạn / Not yet due",
        _ => status.ToString(),
    };
}
