using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Excel;

namespace ZhiPingQuan.Web.Features.Audit;

/// <summary>
/// The audit trail as the commission and the audit administrator search and export it (docs/domain.md §5). Exporting is itself a
/// sensitive read, recorded in the trail (not a transition of a record, so not an event).
/// </summary>
public sealed class AuditLog(AppDbContext db, IAuditTrail audit, IClock clock)
{
    private const int PageSize = 50;
    private const int MaxExportRows = 50_000;

    public async Task<AuditPageModel> PageAsync(AuditFilter filter, CancellationToken ct)
    {
        var entries = await PagedList.CreateAsync(Filtered(filter).OrderByDescending(a => a.AtUtc), filter.Page, PageSize, ct);
        filter.Page = entries.Page;
        return new AuditPageModel
        {
            Filter = filter,
            Entries = entries.Map(a => new AuditRow(a.AtUtc, a.UserName, a.OrganisationName, a.Action.ToChinese(),
                AuditRecordTypes.ToChinese(a.RecordType), a.RecordId, a.Before, a.After, a.Detail, a.RemoteAddress)),
        };
    }

    /// <summary>The filtered lines (at most 50 000, newest first) as a workbook; the export is recorded.</summary>
    public async Task<AuditWorkbook> ExportAsync(AuditFilter filter, CancellationToken ct)
    {
        var rows = await Filtered(filter).OrderByDescending(a => a.AtUtc).Take(MaxExportRows).ToListAsync(ct);
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("审计日志");
        sheet.WriteHeader([("时间（北京时间）", 18), ("用户", 18), ("单位", 24), ("操作", 20), ("记录类型", 16), ("记录编号", 38), ("变更前", 14), ("变更后", 14), ("说明", 40), ("来源地址", 16)]);
        var r = 2;
        foreach (var a in rows)
        {
            sheet.Cell(r, 1).SetText(Display.Time(a.AtUtc));
            sheet.Cell(r, 2).SetText(a.UserName);
            sheet.Cell(r, 3).SetText(a.OrganisationName);
            sheet.Cell(r, 4).SetText(a.Action.ToChinese());
            sheet.Cell(r, 5).SetText(a.RecordType);
            sheet.Cell(r, 6).SetText(a.RecordId?.ToString());
            sheet.Cell(r, 7).SetText(a.Before);
            sheet.Cell(r, 8).SetText(a.After);
            sheet.Cell(r, 9).SetText(a.Detail);
            sheet.Cell(r, 10).SetText(a.RemoteAddress);
            r++;
        }
        audit.Record(AuditAction.AuditTrailExported, nameof(AuditEntry), null, null, null, $"{rows.Count} 条");
        await db.SaveChangesAsync(ct);
        return new AuditWorkbook(workbook.ToBytes(), $"审计日志-{ShanghaiTime.ToShanghai(clock.UtcNow):yyyyMMddHHmm}.xlsx");
    }

    private IQueryable<AuditEntry> Filtered(AuditFilter f)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var t = f.Q.Trim();
            // Actions and record types are stored by their code names; the reader searches by their Chinese names.
            var actions = Enum.GetValues<AuditAction>().Where(x => x.ToChinese().Contains(t, StringComparison.Ordinal)).ToArray();
            var recordTypes = AuditRecordTypes.Matching(t);
            query = query.Where(a => a.UserName.Contains(t) || a.OrganisationName.Contains(t) || actions.Contains(a.Action)
                || a.RecordType.Contains(t) || recordTypes.Contains(a.RecordType) || (a.Detail != null && a.Detail.Contains(t)));
        }
        if (f.Operation is { } operation && Enum.IsDefined(operation))
        {
            query = query.Where(a => a.Action == operation);
        }
        if (f.From is { } from)
        {
            var fromUtc = ShanghaiTime.EndOfDayUtc(from.AddDays(-1));
            query = query.Where(a => a.AtUtc >= fromUtc);
        }
        if (f.To is { } to)
        {
            var toUtc = ShanghaiTime.EndOfDayUtc(to);
            query = query.Where(a => a.AtUtc < toUtc);
        }
        return query;
    }
}
