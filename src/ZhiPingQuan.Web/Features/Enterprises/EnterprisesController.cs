using ClosedXML.Excel;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Excel;

using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Enterprises;

public sealed class EnterpriseDetailsModel
{
    public required Enterprise Enterprise { get; init; }
    public required string UnitName { get; init; }
    public required IReadOnlyList<RecommendationSummary> Recommendations { get; init; }
    public bool CanEdit { get; init; }

    /// <summary>The district that owns the records and the programme-wide roles may open each recommendation record.</summary>
    public bool CanOpenRecommendations { get; init; }

    public required EnterpriseAccountState Account { get; init; }

    /// <summary>What changed in the record (the enterprise's own contact changes among it), for its district only.</summary>
    public IReadOnlyList<HistoryLine> History { get; init; } = [];
}

public sealed class CreditCodeCorrectionModel
{
    public required Enterprise Enterprise { get; init; }
    public required string UnitName { get; init; }
    public required CreditCodeCorrectionForm Form { get; init; }
}

public sealed record UnitOption(Guid Id, string Name);

public sealed class EnterpriseMoveModel
{
    public required Enterprise Enterprise { get; init; }
    public required string UnitName { get; init; }
    public required IReadOnlyList<UnitOption> Units { get; init; }
    public required EnterpriseMoveForm Form { get; init; }
}

/// <summary>
/// The enterprise registry. A district registers and edits the enterprises of its own unit; the
/// commission and the third party read every unit's; an enterprise reads only itself. A record
/// outside the user's scope answers 404. Admin only corrects a record's reference data (credit code,
/// district), reached from its register of organisations: the list and the record page show
/// recommendations, which no administrator reads.
/// </summary>
[Authorize(Roles = $"{Roles.District},{Roles.Enterprise},{Roles.Commission},{Roles.ThirdParty},{Roles.Admin}")]
public sealed class EnterprisesController(
    EnterpriseRegistry registry,
    EnterpriseRecommendations recommendations,
    EnterpriseAccountStates accountStates,
    RecordHistory history,
    IClock clock) : Controller
{
    private const string RegistryReaders = $"{Roles.District},{Roles.Enterprise},{Roles.Commission},{Roles.ThirdParty}";

    [HttpGet]
    [Authorize(Roles = RegistryReaders)]
    public async Task<IActionResult> Index([FromQuery] EnterpriseFilter filter, CancellationToken ct)
    {
        var year = await registry.CurrentProgrammeYearAsync(ct);
        var page = await registry.PageAsync(User, filter, year, ct);
        return View(new EnterpriseListModel
        {
            Filter = filter,
            Enterprises = page,
            CurrentYear = year?.Year,
            CanRegister = User.IsInRole(Roles.District),
            AccountStates = await accountStates.ForAsync(page.Items.Select(e => e.Id).ToList(), ct),
            CanRecommend = User.IsInRole(Roles.District),
        });
    }

    /// <summary>The filtered list as an .xlsx workbook (every page, not just the one on screen).</summary>
    [HttpGet]
    [Authorize(Roles = RegistryReaders)]
    public async Task<IActionResult> Export([FromQuery] EnterpriseFilter filter, CancellationToken ct)
    {
        var year = await registry.CurrentProgrammeYearAsync(ct);
        var rows = await registry.Search(User, filter, year).ToListAsync(ct);
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("企业名单");
        var yearLabel = year is null ? "本年度" : $"{year.Year}年度";
        sheet.WriteHeader(
        [
            ("序号", 6), ("企业名称", 34), ("统一社会信用代码", 22), ("所属行业", 12), ("产业标签", 20), ("年产值（万元）", 16),
            ("推荐单位", 14), ("地址", 30), ("联系人", 10), ("联系电话", 16), ("电子邮箱", 24), ($"{yearLabel}推荐状态", 14), ("推荐批次", 10),
        ]);
        var line = 2;
        foreach (var r in rows)
        {
            sheet.Cell(line, 1).SetValue(line - 1);
            sheet.Cell(line, 2).SetText(r.Name);
            sheet.Cell(line, 3).SetText(r.CreditCode);
            sheet.Cell(line, 4).SetText(r.Industry.ToChinese());
            sheet.Cell(line, 5).SetText(r.IndustryTags);
            sheet.Cell(line, 6).SetValue(r.AnnualOutputWanYuan);
            sheet.Cell(line, 6).Style.NumberFormat.Format = "#,##0.00";
            sheet.Cell(line, 7).SetText(r.UnitName);
            sheet.Cell(line, 8).SetText(r.Address);
            sheet.Cell(line, 9).SetText(r.ContactName);
            sheet.Cell(line, 10).SetText(r.ContactPhone);
            sheet.Cell(line, 11).SetText(r.ContactEmail);
            sheet.Cell(line, 12).SetText(r.ThisYearState?.ToChinese() ?? "未推荐");
            sheet.Cell(line, 13).SetText(r.ThisYearBatch);
            line++;
        }
        var fileName = $"企业名单_{ShanghaiTime.ToShanghai(clock.UtcNow):yyyyMMdd_HHmm}.xlsx";
        return File(workbook.ToBytes(), SafeExcel.ContentType, fileName);
    }

    /// <summary>The signed-in enterprise's own record.</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Enterprise)]
    public IActionResult Mine() => RedirectToAction(nameof(Details), new { id = User.RequireOrganisationId() });

    [ScopedId<Enterprise>]
    [HttpGet]
    [Authorize(Roles = RegistryReaders)]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var enterprise = await registry.FindAsync(id, tracked: false, ct);
        if (enterprise is null)
        {
            return NotFound();
        }
        var canEdit = await this.MayAsync(enterprise, Operations.Edit);
        return View(new EnterpriseDetailsModel
        {
            Enterprise = enterprise,
            UnitName = await registry.UnitNameAsync(enterprise.RecommendingUnitId, ct),
            // Drafts are the district's own working notes; everyone else sees what was actually recommended.
            Recommendations = await recommendations.ForEnterpriseAsync(enterprise.Id, includeDrafts: canEdit, ct),
            CanEdit = canEdit,
            CanOpenRecommendations = canEdit || User.SeesAllUnits(),
            Account = await accountStates.ForAsync(enterprise.Id, ct),
            History = canEdit ? await history.ForAsync(nameof(Enterprise), enterprise.Id, ct: ct) : [],
        });
    }

    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public IActionResult Create() => View(new EnterpriseForm());

    [NotAScopedId("form.Id", "cleared before use: a new record's id is made by the portal")]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Create(EnterpriseForm form, [FromServices] IValidator<EnterpriseForm> validator, CancellationToken ct)
    {
        form.Id = null;
        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        // The unit is the signed-in district's own, never a value from the form.
        var enterprise = await ModelState.TryAsync(() => registry.RegisterAsync(form, User.RequireOrganisationId(), ct));
        if (enterprise is null)
        {
            return View(form);
        }
        TempData["Success"] = $"已登记企业：{enterprise.Name}。";
        return RedirectToAction(nameof(Details), new { id = enterprise.Id });
    }

    [ScopedId<Enterprise>(RecordAccess.Edit)]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var enterprise = await registry.FindAsync(id, tracked: false, ct);
        return enterprise is null ? NotFound() : View(EnterpriseRegistry.ToForm(enterprise));
    }

    [NotAScopedId("form.Id", "overwritten with the route's id, which is scoped")]
    [ScopedId<Enterprise>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Edit([FromRoute] Guid id, EnterpriseForm form, [FromServices] IValidator<EnterpriseForm> validator, CancellationToken ct)
    {
        var enterprise = await registry.FindAsync(id, tracked: true, ct);
        if (enterprise is null)
        {
            return NotFound();
        }
        form.Id = id;
        if (!await validator.ValidateIntoAsync(form, ModelState)
            || !await ModelState.TryAsync(() => registry.UpdateAsync(enterprise, form, ct)))
        {
            return View(form);
        }
        TempData["Success"] = "企业信息已保存。";
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>
    /// Admin only: corrects the credit code of an enterprise whose district can no longer change it because it
    /// has been recommended (the registry tells the district to ask the administrator).
    /// </summary>
    [ScopedId<Enterprise>]
    [HttpGet]
    [Authorize(Roles = Roles.Admin)]
    public async Task<IActionResult> CorrectCode(Guid id, CancellationToken ct)
    {
        var enterprise = await registry.FindAsync(id, tracked: false, ct);
        if (enterprise is null)
        {
            return NotFound();
        }
        return View(await CorrectionModelAsync(enterprise, new CreditCodeCorrectionForm { Version = enterprise.Version }, ct));
    }

    [ScopedId<Enterprise>]
    [HttpPost]
    [Authorize(Roles = Roles.Admin)]
    public async Task<IActionResult> CorrectCode([FromRoute] Guid id, CreditCodeCorrectionForm form, [FromServices] IValidator<CreditCodeCorrectionForm> correctionValidator, CancellationToken ct)
    {
        var enterprise = await registry.FindAsync(id, tracked: true, ct);
        if (enterprise is null)
        {
            return NotFound();
        }
        if (await correctionValidator.ValidateIntoAsync(form, ModelState)
            && await ModelState.TryAsync(nameof(form.NewCreditCode), () => registry.CorrectCreditCodeAsync(enterprise, form, ct)))
        {
            TempData["Success"] = $"统一社会信用代码已更正为{enterprise.CreditCode}，原代码与更正原因已记入审计日志。";
            return RedirectToAction("Details", "Organisations", new { id });
        }
        // The page shows the record as stored, not as the refused change left it in memory.
        var unchanged = await registry.FindAsync(id, tracked: false, ct);
        return View(await CorrectionModelAsync(unchanged!, form, ct));
    }

    private async Task<CreditCodeCorrectionModel> CorrectionModelAsync(Enterprise enterprise, CreditCodeCorrectionForm form, CancellationToken ct) => new()
    {
        Enterprise = enterprise,
        UnitName = await registry.UnitNameAsync(enterprise.RecommendingUnitId, ct),
        Form = form,
    };

    /// <summary>Admin only: registers the enterprise in another unit (the import tells a district to ask for this).</summary>
    [ScopedId<Enterprise>]
    [HttpGet]
    [Authorize(Roles = Roles.Admin)]
    public async Task<IActionResult> MoveUnit(Guid id, CancellationToken ct)
    {
        var enterprise = await registry.FindAsync(id, tracked: false, ct);
        if (enterprise is null)
        {
            return NotFound();
        }
        return View(await MoveModelAsync(enterprise, new EnterpriseMoveForm { Version = enterprise.Version }, ct));
    }

    [NotAScopedId("form.RecommendingUnitId", "a choice among the recommending units, which the administrator may all use; an unknown one is refused beside the field")]
    [ScopedId<Enterprise>]
    [HttpPost]
    [Authorize(Roles = Roles.Admin)]
    public async Task<IActionResult> MoveUnit([FromRoute] Guid id, EnterpriseMoveForm form, [FromServices] IValidator<EnterpriseMoveForm> moveValidator, CancellationToken ct)
    {
        var enterprise = await registry.FindAsync(id, tracked: true, ct);
        if (enterprise is null)
        {
            return NotFound();
        }
        if (await moveValidator.ValidateIntoAsync(form, ModelState)
            && await ModelState.TryAsync(nameof(form.RecommendingUnitId), () => registry.MoveToUnitAsync(enterprise, form, ct)))
        {
            TempData["Success"] = "登记单位已变更，变更前后的单位与原因已记入审计日志。";
            return RedirectToAction("Details", "Organisations", new { id });
        }
        var unchanged = await registry.FindAsync(id, tracked: false, ct);
        return View(await MoveModelAsync(unchanged!, form, ct));
    }

    private async Task<EnterpriseMoveModel> MoveModelAsync(Enterprise enterprise, EnterpriseMoveForm form, CancellationToken ct) => new()
    {
        Enterprise = enterprise,
        UnitName = await registry.UnitNameAsync(enterprise.RecommendingUnitId, ct),
        Units = await registry.OtherUnitsAsync(enterprise.RecommendingUnitId, ct),
        Form = form,
    };
}
