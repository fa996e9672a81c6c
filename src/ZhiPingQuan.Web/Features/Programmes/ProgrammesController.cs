using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Programmes;

/// <summary>
/// 项目设置 (docs/domain.md §3): the commission's programme years, standard amounts, batches and deadlines.
/// Other roles see the deadlines on their home page; nobody else changes them. A deadline moves only
/// later and only with a reason on record (see <see cref="Batch.ExtendDeadline"/>).
/// Posted actions take the record id [FromRoute]: MVC reads form fields before route values, so a
/// field named "Id" added to a form would otherwise choose the record being changed.
/// </summary>
[Authorize(Roles = Roles.Commission)]
public sealed class ProgrammesController(
    ProgrammeService programmes,
    IValidator<ProgrammeYearForm> yearValidator,
    IValidator<BatchForm> batchValidator,
    IValidator<ExtendDeadlineForm> extendValidator) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await programmes.YearsAsync(ct));

    [ScopedId<ProgrammeYear>]
    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await programmes.DetailsAsync(id, ct) is { } model ? View(model) : NotFound();

    [HttpGet]
    public IActionResult Create() => View(new ProgrammeYearForm { Year = programmes.Today.Year });

    [NotAScopedId("form.Id", "cleared before use: a new record's id is made by the portal")]
    [HttpPost]
    public async Task<IActionResult> Create(ProgrammeYearForm form, CancellationToken ct)
    {
        form.Id = null;
        if (!await yearValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var year = await ModelState.TryAsync(() => programmes.CreateAsync(form.Year!.Value, form.StandardAmount!.Value, form.BudgetCap, ct));
        if (year is null)
        {
            return View(form);
        }
        TempData["Success"] = $"已创建{year.Year}年度，请添加批次及截止日期。";
        return RedirectToAction(nameof(Details), new { id = year.Id });
    }

    [ScopedId<ProgrammeYear>(RecordAccess.Edit)]
    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var year = await programmes.YearAsync(id, tracked: false, ct);
        if (year is null)
        {
            return NotFound();
        }
        return View(new ProgrammeYearForm
        {
            Id = year.Id, Version = year.Version, Year = year.Year,
            StandardAmount = year.StandardAmount.Yuan, BudgetCap = year.BudgetCap?.Yuan,
        });
    }

    [NotAScopedId("form.Id", "overwritten with the route's id, which is scoped")]
    [ScopedId<ProgrammeYear>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> Edit([FromRoute] Guid id, ProgrammeYearForm form, CancellationToken ct)
    {
        var year = await programmes.YearAsync(id, tracked: true, ct);
        if (year is null)
        {
            return NotFound();
        }
        form.Id = id;
        form.Year = year.Year;
        if (!await yearValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var changed = false;
        if (!await ModelState.TryAsync(async () => changed = await programmes.SetAmountsAsync(year, form.Version, form.StandardAmount!.Value, form.BudgetCap, ct)))
        {
            return View(form);
        }
        TempData["Success"] = changed ? $"{year.Year}年度的金额设置已保存。" : "没有改动。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<ProgrammeYear>(RecordAccess.Edit)]
    [HttpGet]
    public async Task<IActionResult> AddBatch(Guid id, CancellationToken ct)
    {
        var year = await programmes.YearAsync(id, tracked: false, ct);
        return year is null ? NotFound() : View(new BatchForm { ProgrammeYearId = id, Year = year.Year });
    }

    [NotAScopedId("form.ProgrammeYearId", "overwritten with the route's id, which is scoped")]
    [NotAScopedId("form.Id", "cleared before use: a new record's id is made by the portal")]
    [ScopedId<ProgrammeYear>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> AddBatch([FromRoute] Guid id, BatchForm form, CancellationToken ct)
    {
        var year = await programmes.YearAsync(id, tracked: true, ct);
        if (year is null)
        {
            return NotFound();
        }
        (form.ProgrammeYearId, form.Year, form.Id) = (id, year.Year, null);
        if (!await batchValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var batch = await ModelState.TryAsync(nameof(form.Name), () => programmes.AddBatchAsync(year, form.Name!, form.Deadline!.Value, ct));
        if (batch is null)
        {
            return View(form);
        }
        TempData["Success"] = $"已新增{year.Year}年度{batch.Name}，{DeadlineText.For(batch.Deadline)}。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<Batch>(RecordAccess.Edit)]
    [HttpGet]
    public async Task<IActionResult> RenameBatch(Guid id, CancellationToken ct)
    {
        var batch = await programmes.BatchAsync(id, tracked: false, ct);
        if (batch is null)
        {
            return NotFound();
        }
        return View(new BatchForm
        {
            Id = batch.Id, Version = batch.Version, ProgrammeYearId = batch.ProgrammeYearId,
            Year = batch.ProgrammeYear!.Year, Name = batch.Name, Deadline = batch.Deadline,
        });
    }

    /// <summary>Renames a batch. Its deadline is deliberately not part of this form: see <see cref="ExtendDeadline(Guid, ExtendDeadlineForm, CancellationToken)"/>.</summary>
    [NotAScopedId("form.Id", "overwritten with the route's id, which is scoped")]
    [NotAScopedId("form.ProgrammeYearId", "overwritten with the batch's own year")]
    [ScopedId<Batch>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> RenameBatch([FromRoute] Guid id, BatchForm form, CancellationToken ct)
    {
        var batch = await programmes.BatchAsync(id, tracked: true, ct);
        if (batch is null)
        {
            return NotFound();
        }
        var year = batch.ProgrammeYear!;
        // Whatever deadline a forged form carries, a rename never touches it.
        (form.Id, form.ProgrammeYearId, form.Year, form.Deadline) = (id, year.Id, year.Year, batch.Deadline);
        if (!await batchValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var changed = false;
        if (!await ModelState.TryAsync(nameof(form.Name), async () => changed = await programmes.RenameBatchAsync(batch, form.Version, form.Name!, ct)))
        {
            return View(form);
        }
        TempData["Success"] = changed ? $"批次已改名为“{batch.Name}”。" : "没有改动。";
        return RedirectToAction(nameof(Details), new { id = year.Id });
    }

    [ScopedId<Batch>(RecordAccess.Edit)]
    [HttpGet]
    public async Task<IActionResult> ExtendDeadline(Guid id, CancellationToken ct)
    {
        var batch = await programmes.BatchAsync(id, tracked: false, ct);
        if (batch is null)
        {
            return NotFound();
        }
        var form = new ExtendDeadlineForm { BatchId = id, Version = batch.Version };
        Describe(form, batch);
        return View(form);
    }

    /// <summary>
    /// The only way to change a deadline once a batch exists: later than the current one, with a reason,
    /// recorded on the batch (old, new, reason, who, when) and in the audit trail. An earlier date is
    /// refused by the domain and the form shows why; nothing is written.
    /// </summary>
    [NotAScopedId("form.BatchId", "overwritten with the route's id, which is scoped")]
    [ScopedId<Batch>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> ExtendDeadline([FromRoute] Guid id, ExtendDeadlineForm form, CancellationToken ct)
    {
        form.BatchId = id;
        var batch = await programmes.BatchAsync(id, tracked: true, ct);
        if (batch is null)
        {
            return NotFound();
        }
        Describe(form, batch);
        if (!await extendValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var extension = await ModelState.TryAsync(nameof(form.NewDeadline),
            () => programmes.ExtendDeadlineAsync(batch, form.Version, form.NewDeadline!.Value, form.Reason!, User.GetDisplayName(), ct));
        if (extension is null)
        {
            return View(form);
        }
        TempData["Success"] = $"{batch.Name}的截止日期已由{ShanghaiTime.FormatDate(extension.OldDeadline)}延长至{ShanghaiTime.FormatDate(extension.NewDeadline)}。";
        return RedirectToAction(nameof(Details), new { id = batch.ProgrammeYearId });
    }

    private void Describe(ExtendDeadlineForm form, Batch batch)
    {
        form.Year = $"{batch.ProgrammeYear!.Year}年度";
        form.BatchName = batch.Name;
        form.CurrentDeadline = batch.Deadline;
        form.DaysLeft = batch.Deadline.DayNumber - programmes.Today.DayNumber;
        form.Extensions = BatchRows.Extensions(batch);
    }
}
