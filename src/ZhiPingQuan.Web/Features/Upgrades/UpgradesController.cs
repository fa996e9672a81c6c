using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Upgrades;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Upgrades;

/// <summary>
/// 改造升级跟踪 (docs/domain.md §4.7). A record is addressed by its confirmed assessment (<c>[ScopedId&lt;Assessment&gt;]</c>):
/// the district reads and edits its own unit's, the enterprise reads its own, the commission reads every unit's; anyone
/// else's answers 404. A problem or project id is looked for inside that record only, so an id of another record answers
/// 404 as well and changes nothing.
/// </summary>
[Authorize(Roles = $"{Roles.District},{Roles.Commission},{Roles.Enterprise}")]
public sealed class UpgradesController(UpgradeService service, ProgrammeChoices choices) : Controller
{
    private const string ChildIdReason = "问题或项目只在已按评估诊断校验过范围的跟踪记录中查找，不属于该记录的答404";

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] UpgradeFilter filter, CancellationToken ct)
    {
        filter.YearId ??= await service.DefaultYearAsync(User, ct);
        var commission = User.IsInRole(Roles.Commission);
        return View(new UpgradeIndexModel
        {
            Filter = filter,
            Rows = await service.PageAsync(User, filter, ct),
            Share = await service.ShareAsync(User, filter, ct),
            Years = await choices.YearsAsync(ct),
            Batches = await choices.BatchesAsync(filter.YearId, ct),
            Units = commission ? await choices.UnitsAsync(ct) : [],
            IsCommission = commission,
            IsDistrict = User.IsInRole(Roles.District),
        });
    }

    [ScopedId<Assessment>]
    [HttpGet]
    public Task<IActionResult> Record(Guid id, CancellationToken ct) => RecordPageAsync(id, null, null, ct);

    // ------------------------------------------------------------------------------------------ problems

    [ScopedId<Assessment>]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> AddProblem(Guid id, [Bind(Prefix = "NewProblem")] ProblemForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid || !await ModelState.TryAsync(() => service.AddProblemAsync(id, form, ct)))
        {
            return await RecordPageAsync(id, form, null, ct);
        }
        TempData["Success"] = $"已登记“{UpgradeService.AreaName(form.Area!.Value)}”方面的问题。";
        return RedirectToAction(nameof(Record), new { id });
    }

    [ScopedId<Assessment>]
    [NotAScopedId("problemId", ChildIdReason)]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> EditProblem(Guid id, Guid problemId, CancellationToken ct)
    {
        var record = await service.FindAsync(id, ct);
        var problem = record?.Problems.SingleOrDefault(p => p.Id == problemId);
        if (record is null || problem is null)
        {
            return NotFound();
        }
        return await EditProblemPageAsync(record, problemId, new ProblemForm { Area = problem.Area, Description = problem.Description }, record.Version);
    }

    [ScopedId<Assessment>]
    [NotAScopedId("problemId", ChildIdReason)]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> EditProblem(Guid id, Guid problemId, Guid? version, [Bind(Prefix = "Form")] ProblemForm form, CancellationToken ct)
    {
        var record = await service.FindAsync(id, ct);
        if (record is null || !record.HasProblem(problemId))
        {
            return NotFound();
        }
        if (!ModelState.IsValid || !await ModelState.TryAsync(() => service.UpdateProblemAsync(record, problemId, version, form, ct)))
        {
            return await EditProblemPageAsync(record, problemId, form, version ?? record.Version);
        }
        TempData["Success"] = "已保存对问题的修改。";
        return RedirectToAction(nameof(Record), new { id });
    }

    [ScopedId<Assessment>]
    [NotAScopedId("problemId", ChildIdReason)]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> RemoveProblem(Guid id, Guid problemId, Guid? version, CancellationToken ct)
    {
        var record = await service.FindAsync(id, ct);
        if (record is null || !record.HasProblem(problemId))
        {
            return NotFound();
        }
        await service.RemoveProblemAsync(record, problemId, version, ct);
        TempData["Success"] = "已删除该问题。";
        return RedirectToAction(nameof(Record), new { id });
    }

    // ------------------------------------------------------------------------------------------ projects

    [ScopedId<Assessment>]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> AddProject(Guid id, [Bind(Prefix = "NewProject")] ProjectForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid || !await ModelState.TryAsync(() => service.AddProjectAsync(id, form, ct)))
        {
            return await RecordPageAsync(id, null, form, ct);
        }
        TempData["Success"] = $"已新增改造项目“{form.Name?.Trim()}”（计划中）。";
        return RedirectToAction(nameof(Record), new { id });
    }

    [ScopedId<Assessment>]
    [NotAScopedId("projectId", ChildIdReason)]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> EditProject(Guid id, Guid projectId, CancellationToken ct)
    {
        var record = await service.FindAsync(id, ct);
        var p = record?.Projects.SingleOrDefault(x => x.Id == projectId);
        if (record is null || p is null)
        {
            return NotFound();
        }
        return await EditProjectPageAsync(record, projectId,
            new ProjectForm { Name = p.Name, Link = p.Link, ContractAmountWan = p.ContractAmountWan, StartDate = p.StartDate, EndDate = p.EndDate },
            record.Version);
    }

    [ScopedId<Assessment>]
    [NotAScopedId("projectId", ChildIdReason)]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> EditProject(Guid id, Guid projectId, Guid? version, [Bind(Prefix = "Form")] ProjectForm form, CancellationToken ct)
    {
        var record = await service.FindAsync(id, ct);
        if (record is null || !record.HasProject(projectId))
        {
            return NotFound();
        }
        if (!ModelState.IsValid || !await ModelState.TryAsync(() => service.UpdateProjectAsync(record, projectId, version, form, ct)))
        {
            return await EditProjectPageAsync(record, projectId, form, version ?? record.Version);
        }
        TempData["Success"] = "已保存改造项目的修改。";
        return RedirectToAction(nameof(Record), new { id });
    }

    [ScopedId<Assessment>]
    [NotAScopedId("projectId", ChildIdReason)]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public Task<IActionResult> StartProject(Guid id, Guid projectId, Guid? version, DateOnly? startDate, CancellationToken ct) =>
        ProjectStepAsync(id, projectId, r => service.StartProjectAsync(r, projectId, version, startDate, ct),
            $"项目已开始实施（开始日期{(startDate is { } d ? Display.LongDate(d) : "")}）。", ct);

    [ScopedId<Assessment>]
    [NotAScopedId("projectId", ChildIdReason)]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public Task<IActionResult> CompleteProject(Guid id, Guid projectId, Guid? version, DateOnly? endDate, CancellationToken ct) =>
        ProjectStepAsync(id, projectId, r => service.CompleteProjectAsync(r, projectId, version, endDate, ct),
            $"项目已登记完成（完成日期{(endDate is { } d ? Display.LongDate(d) : "")}）。", ct);

    [ScopedId<Assessment>]
    [NotAScopedId("projectId", ChildIdReason)]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public Task<IActionResult> CancelProject(Guid id, Guid projectId, Guid? version, CancellationToken ct) =>
        ProjectStepAsync(id, projectId, r => service.CancelProjectAsync(r, projectId, version, ct), "项目已取消（保留在记录中，不计入跟踪）。", ct);

    private async Task<IActionResult> ProjectStepAsync(Guid id, Guid projectId, Func<UpgradeRecord, Task> step, string success, CancellationToken ct)
    {
        var record = await service.FindAsync(id, ct);
        if (record is null || !record.HasProject(projectId))
        {
            return NotFound();
        }
        if (!ModelState.IsValid || !await ModelState.TryAsync(() => step(record)))
        {
            return await RecordPageAsync(id, null, null, ct);
        }
        TempData["Success"] = success;
        return RedirectToAction(nameof(Record), new { id });
    }

    // ------------------------------------------------------------------------------------------ pages

    private async Task<IActionResult> RecordPageAsync(Guid id, ProblemForm? problem, ProjectForm? project, CancellationToken ct)
    {
        var model = await service.PageOfAsync(id, User.IsInRole(Roles.District), ct);
        if (model is null)
        {
            return NotFound();
        }
        model.NewProblem = problem ?? new ProblemForm();
        model.NewProject = project ?? new ProjectForm();
        return View(nameof(Record), model);
    }

    private async Task<IActionResult> EditProblemPageAsync(UpgradeRecord record, Guid problemId, ProblemForm form, Guid version) =>
        View(nameof(EditProblem), new EditProblemModel
        {
            AssessmentId = record.AssessmentId, ProblemId = problemId, Version = version, Form = form,
            EnterpriseName = await service.EnterpriseNameAsync(record.EnterpriseId, HttpContext.RequestAborted),
        });

    private async Task<IActionResult> EditProjectPageAsync(UpgradeRecord record, Guid projectId, ProjectForm form, Guid version) =>
        View(nameof(EditProject), new EditProjectModel
        {
            AssessmentId = record.AssessmentId, ProjectId = projectId, Version = version, Form = form,
            Status = record.Projects.Single(p => p.Id == projectId).Status,
            EnterpriseName = await service.EnterpriseNameAsync(record.EnterpriseId, HttpContext.RequestAborted),
        });
}
