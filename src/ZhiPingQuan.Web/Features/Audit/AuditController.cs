using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure.Auditing;
using ZhiPingQuan.Web.Infrastructure.Excel;

namespace ZhiPingQuan.Web.Features.Audit;

/// <summary>The audit trail, searchable and exportable by the commission and Admin (docs/domain.md §5).</summary>
[Authorize(Roles = $"{Roles.Commission},{Roles.Admin}")]
public sealed class AuditController(AuditLog log, AuditChainCheck chainCheck) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, CancellationToken ct) => View(await log.PageAsync(filter, ct));

    /// <summary>The hash chain's state: links what waits, walks the whole chain, names the first broken link.</summary>
    [HttpGet]
    public async Task<IActionResult> Chain(CancellationToken ct) => View(await chainCheck.RunAsync(ct));

    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] AuditFilter filter, CancellationToken ct)
    {
        var workbook = await log.ExportAsync(filter, ct);
        return File(workbook.Content, SafeExcel.ContentType, workbook.FileName);
    }
}
