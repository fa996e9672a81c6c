using ClosedXML.Excel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Excel;

namespace ZhiPingQuan.Web.Features.Audit;

public sealed class AuditFilter
{
    public string? Q { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int Page { get; set; } = 1;
}

/// <summary>The audit trail, searchable and exportable by the commission and Admin (DESIGN §5).</summary>
[Authorize(Roles = $"{Roles.Commission},{Roles.Admin}")]
public sealed class AuditController(AppDbContext db, IAuditTrail audit, IClock clock) : Controller
{
    private const int MaxExportRows = 50_000;

    [HttpGet]
    public async Task<IActionResult> Index(AuditFilter filter)
    {
        ViewData["Filter"] = filter;
        return View(await PagedList.CreateAsync(Filter(filter).OrderByDescending(a => a.AtUtc), filter.Page, 50));
    }

    [HttpGet]
    public async Task<IActionResult> Export(AuditFilter filter)
    {
        var rows = await Filter(filter).OrderByDescending(a => a.AtUtc).Take(MaxExportRows).ToListAsync();
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
        // Exporting the trail is itself a sensitive read.
        audit.Record(AuditAction.AuditTrailExported, nameof(AuditEntry), null, null, null, $"{rows.Count} 条");
        await db.SaveChangesAsync();
        return File(workbook.ToBytes(), SafeExcel.ContentType, $"审计日志-{ShanghaiTime.ToShanghai(clock.UtcNow):yyyyMMddHHmm}.xlsx");
    }

    private IQueryable<AuditEntry> Filter(AuditFilter f)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var t = f.Q.Trim();
            // Actions are stored by their code name; the reader searches by their Chinese names.
            var actions = Enum.GetValues<AuditAction>().Where(x => x.ToChinese().Contains(t, StringComparison.Ordinal)).ToArray();
            query = query.Where(a => a.UserName.Contains(t) || a.OrganisationName.Contains(t) || actions.Contains(a.Action)
                || a.RecordType.Contains(t) || (a.Detail != null && a.Detail.Contains(t)));
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
