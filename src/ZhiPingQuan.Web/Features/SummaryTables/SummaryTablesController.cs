using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Excel;

namespace ZhiPingQuan.Web.Features.SummaryTables;

/// <summary>
/// 汇总表 (docs/domain.md §4.3). The district drafts its unit's table for a batch from the confirmed assessments, keeps it in
/// step with the records, reorders rows, corrects contacts, seals and submits; the third party reviews the same content
/// and seals or refuses with a reason; the commission receives every unit's table per batch and may reopen one. Every
/// revision downloads as .xlsx and PDF. A table of another unit answers 404, its files and revisions too.
/// </summary>
public sealed class SummaryTablesController(
    SummaryTableService service,
    SummaryTableExports exports,
    PortalLinkOptions links) : Controller
{
    // ---------------------------------------------------------------- lists

    /// <summary>汇总表: the district's batches with their tables; the third party's view of every unit's current table.</summary>
    [HttpGet]
    [Authorize(Roles = $"{Roles.District},{Roles.ThirdParty},{Roles.Commission}")]
    public async Task<IActionResult> Index([FromQuery] SummaryTableListFilter filter, CancellationToken ct)
    {
        if (User.IsInRole(Roles.Commission))
        {
            return RedirectToAction(nameof(Inbox));
        }
        var scoped = service.VisibleTo(User);
        var district = User.IsInRole(Roles.District);
        var districtRows = district ? await service.DistrictBatchesAsync(scoped, User.RequireOrganisationId(), filter.Queue, ct) : [];
        return View(new SummaryTableIndexModel
        {
            Filter = filter,
            Batches = await service.BatchesAsync(ct),
            DistrictRows = districtRows,
            Tables = district ? [] : await service.ListAsync(scoped, filter, ct),
            QueueCounts = await service.QueueCountsAsync(scoped, ct),
            Notices = User.GetOrganisationId() is { } org ? await service.NoticesAsync(org, ct) : [],
        });
    }

    /// <summary>汇总表报送 — the commission's inbox: per batch, all recommending units and where their tables stand.</summary>
    [ScopedId<Batch>(parameter: "batchId")]
    [HttpGet]
    [Authorize(Roles = $"{Roles.Commission},{Roles.ThirdParty}")]
    public async Task<IActionResult> Inbox(Guid? batchId, bool pending, CancellationToken ct) =>
        View(await service.InboxAsync(batchId, pending, ct));

    // ---------------------------------------------------------------- drafting

    /// <summary>The rows the records give for the district's unit and this batch; opens the table once it exists.</summary>
    [ScopedId<Batch>(parameter: "batchId")]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Build(Guid batchId, CancellationToken ct)
    {
        var unit = User.RequireOrganisationId();
        if (await service.CurrentAsync(unit, batchId, ct) is { } existing)
        {
            return RedirectToAction(nameof(Details), new { id = existing.Id });
        }
        var batch = await service.BatchAsync(batchId, ct);
        if (batch is null)
        {
            return NotFound();
        }
        return View(new SummaryTableProposalModel
        {
            Batch = batch,
            UnitName = User.GetOrganisationName(),
            ThirdPartyName = await service.ThirdPartyNameAsync(null, ct),
            Rows = await service.EligibleRowsAsync(unit, batchId, ct),
        });
    }

    [ScopedId<Batch>(parameter: "batchId")]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Create(Guid batchId, CancellationToken ct)
    {
        var table = await service.CreateAsync(User.RequireOrganisationId(), batchId, User.GetDisplayName(), ct);
        TempData["Success"] = $"已生成汇总表草稿，共{table.Rows.Count}家企业。请核对后盖章。";
        return RedirectToAction(nameof(Details), new { id = table.Id });
    }

    // ---------------------------------------------------------------- one revision

    [ScopedId<SummaryTable>]
    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var table = await service.FindForReadAsync(id, ct);
        if (table is null)
        {
            return NotFound();
        }
        return View(await DetailsModelAsync(table, null, ct));
    }

    [ScopedId<SummaryTable>(RecordAccess.Edit)]
    [ScopedId<Enterprise>(parameter: "enterpriseId")]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> AddRow(Guid id, Guid version, Guid enterpriseId, CancellationToken ct)
    {
        var table = await service.FindAsync(id, ct);
        if (table is null)
        {
            return NotFound();
        }
        var wasSealed = table.ActiveSeals.Any();
        await service.AddRowAsync(table, version, enterpriseId, ct);
        TempData["Success"] = "已将该企业加入汇总表。" + VoidedNote(wasSealed, table);
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<SummaryTable>(RecordAccess.Edit)]
    [ScopedId<Enterprise>(parameter: "enterpriseId")]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> MoveRow(Guid id, Guid version, Guid enterpriseId, int to, CancellationToken ct)
    {
        var table = await service.FindAsync(id, ct);
        if (table is null)
        {
            return NotFound();
        }
        var wasSealed = table.ActiveSeals.Any();
        await service.MoveRowAsync(table, version, enterpriseId, to, ct);
        TempData["Success"] = "已调整顺序。" + VoidedNote(wasSealed, table);
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<SummaryTable>(RecordAccess.Edit)]
    [ScopedId<Enterprise>(parameter: "enterpriseId")]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> CorrectContact(Guid id, Guid version, Guid enterpriseId, string? contact, CancellationToken ct)
    {
        var table = await service.FindAsync(id, ct);
        if (table is null)
        {
            return NotFound();
        }
        var wasSealed = table.ActiveSeals.Any();
        if (!await ModelState.TryAsync(() => service.CorrectContactAsync(table, version, enterpriseId, contact, ct)))
        {
            return View(nameof(Details), await DetailsModelAsync((await service.FindForReadAsync(id, ct))!, null, ct,
                postedContactEnterpriseId: enterpriseId, postedContact: contact));
        }
        TempData["Success"] = "已更正联系方式。" + VoidedNote(wasSealed, table);
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<SummaryTable>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Refresh(Guid id, Guid version, CancellationToken ct)
    {
        var table = await service.FindAsync(id, ct);
        if (table is null)
        {
            return NotFound();
        }
        var wasSealed = table.ActiveSeals.Any();
        await service.RefreshAsync(table, version, ct);
        TempData["Success"] = "已按最新记录更新汇总表。" + VoidedNote(wasSealed, table);
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<SummaryTable>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> SealDistrict(Guid id, Guid version, CancellationToken ct)
    {
        var table = await service.FindAsync(id, ct);
        if (table is null)
        {
            return NotFound();
        }
        await service.SealByDistrictAsync(table, version, SealerOf(), ct);
        TempData["Success"] = "推荐单位已电子盖章，等待第三方机构核对盖章。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<SummaryTable>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Submit(Guid id, Guid version, CancellationToken ct)
    {
        var table = await service.FindAsync(id, ct);
        if (table is null)
        {
            return NotFound();
        }
        await service.SubmitAsync(table, version, User.GetDisplayName(), ct);
        TempData["Success"] = $"汇总表已报送市经信委，验证码 {SummaryTable.FormatVerificationCode(table.VerificationCode!)}。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<SummaryTable>]
    [HttpPost]
    [Authorize(Roles = Roles.ThirdParty)]
    public async Task<IActionResult> SealThirdParty(Guid id, Guid version, CancellationToken ct)
    {
        var table = await service.FindAsync(id, ct);
        if (table is null)
        {
            return NotFound();
        }
        await service.SealByThirdPartyAsync(table, version, SealerOf(), ct);
        TempData["Success"] = "第三方机构已电子盖章，等待推荐单位报送。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<SummaryTable>]
    [HttpPost]
    [Authorize(Roles = Roles.ThirdParty)]
    public async Task<IActionResult> Refuse(Guid id, Guid version, string? reason, CancellationToken ct)
    {
        var table = await service.FindAsync(id, ct);
        if (table is null)
        {
            return NotFound();
        }
        if (!await ModelState.TryAsync(() => service.RefuseSealAsync(table, version, SealerOf(), reason, ct)))
        {
            return View(nameof(Details), await DetailsModelAsync((await service.FindForReadAsync(id, ct))!, reason, ct));
        }
        TempData["Success"] = "已拒绝盖章，原因已告知推荐单位。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<SummaryTable>]
    [HttpPost]
    [Authorize(Roles = Roles.Commission)]
    public async Task<IActionResult> Reopen(Guid id, Guid version, string? reason, CancellationToken ct)
    {
        var table = await service.FindAsync(id, ct);
        if (table is null)
        {
            return NotFound();
        }
        var next = await ModelState.TryAsync(() => service.ReopenAsync(table, version, reason, User.GetDisplayName(), ct));
        if (next is null)
        {
            return View(nameof(Details), await DetailsModelAsync((await service.FindForReadAsync(id, ct))!, reason, ct));
        }
        TempData["Success"] = $"已退回第{table.Revision}版，第{next.Revision}版已生成，已通知推荐单位和第三方机构。";
        return RedirectToAction(nameof(Details), new { id = next.Id });
    }

    // ---------------------------------------------------------------- files

    /// <summary>This revision (current or earlier) as .xlsx.</summary>
    [ScopedId<SummaryTable>]
    [HttpGet]
    public async Task<IActionResult> Xlsx(Guid id, CancellationToken ct)
    {
        var table = await service.FindForReadAsync(id, ct);
        if (table is null)
        {
            return NotFound();
        }
        var content = exports.Xlsx(table, await ExportContextAsync(table, ct));
        await service.RecordDownloadAsync(table, "Excel", ct);
        return File(content, SafeExcel.ContentType, SummaryTableExports.FileName(table, "xlsx"));
    }

    /// <summary>This revision (current or earlier) as a printable A4 landscape PDF.</summary>
    [ScopedId<SummaryTable>]
    [HttpGet]
    public async Task<IActionResult> Pdf(Guid id, CancellationToken ct)
    {
        var table = await service.FindForReadAsync(id, ct);
        if (table is null)
        {
            return NotFound();
        }
        var pdf = exports.Pdf(table, await ExportContextAsync(table, ct));
        await service.RecordDownloadAsync(table, "PDF", ct);
        return File(pdf.Bytes, "application/pdf", SummaryTableExports.FileName(table, "pdf"));
    }

    private async Task<ExportContext> ExportContextAsync(SummaryTable table, CancellationToken ct)
    {
        var revisions = await service.RevisionsAsync(table, ct);
        var latest = revisions.Max(r => r.Revision);
        return new ExportContext(await service.ThirdPartyNameAsync(table, ct), VerificationUrl(table.VerificationCode),
            table.IsCurrent ? null : latest);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>The public page that checks a code: under <c>Portal:PublicBaseUrl</c>, else the address this request came to.</summary>
    private string VerificationUrl(string? code)
    {
        var root = string.IsNullOrWhiteSpace(links.PublicBaseUrl)
            ? $"{Request.Scheme}://{Request.Host}{Request.PathBase}"
            : links.PublicBaseUrl.TrimEnd('/');
        return code is null ? $"{root}/verify" : $"{root}/verify/{code}";
    }

    private Sealer SealerOf() => new(User.GetDisplayName(), User.RequireOrganisationId(), User.GetOrganisationName());

    private static string VoidedNote(bool wasSealed, SummaryTable table) =>
        wasSealed && !table.ActiveSeals.Any() ? $"{SealVoidCause.ContentChanged.ToChinese()}，请重新盖章。" : string.Empty;

    private async Task<SummaryTableDetailsModel> DetailsModelAsync(SummaryTable table, string? postedReason, CancellationToken ct,
        Guid? postedContactEnterpriseId = null, string? postedContact = null)
    {
        var batch = await service.BatchAsync(table.BatchId, ct);
        var deadline = batch?.Deadline ?? default;
        var deadlinePassed = table.Revision == 1 && service.DaysLeft(deadline) < 0;
        var district = User.IsInRole(Roles.District) && User.GetOrganisationId() == table.RecommendingUnitId;
        var open = SummaryTableRules.Current.IsSatisfiedBy(table) && !SummaryTableRules.Submitted.IsSatisfiedBy(table);
        return new SummaryTableDetailsModel
        {
            Table = table,
            ThirdPartyName = await service.ThirdPartyNameAsync(table, ct),
            Deadline = deadline,
            DaysLeft = service.DaysLeft(deadline),
            DeadlinePassed = deadlinePassed,
            Revisions = await service.RevisionsAsync(table, ct),
            ChangesFromPrevious = await service.ChangesFromPreviousAsync(table, ct),
            Reconciliation = open && (district || User.IsInRole(Roles.ThirdParty)) ? await service.ReconciliationAsync(table, ct) : null,
            History = await service.HistoryAsync(table, ct),
            Signature = service.CheckSignature(table),
            CanEditRows = district && open,
            CanSealDistrict = district && SummaryTableRules.AwaitingDistrictSeal.IsSatisfiedBy(table),
            CanSealThirdParty = User.IsInRole(Roles.ThirdParty) && SummaryTableRules.AwaitingThirdPartySeal.IsSatisfiedBy(table),
            CanSubmit = district && SummaryTableRules.AwaitingSubmission.IsSatisfiedBy(table),
            CanReopen = User.IsInRole(Roles.Commission) && SummaryTableRules.CurrentAndSubmitted.IsSatisfiedBy(table),
            PostedReason = postedReason,
            PostedContactEnterpriseId = postedContactEnterpriseId,
            PostedContact = postedContact,
        };
    }
}
