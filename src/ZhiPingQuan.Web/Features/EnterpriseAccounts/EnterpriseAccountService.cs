using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Accounts;
using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.EnterpriseAccounts;

/// <summary>
/// An enterprise's accounts without the platform operator (docs/domain.md §5 Accounts, decision 0013): its district
/// invites its contact or approves its own request, and the enterprise's user sets the password through a one-time
/// activation link (7 days) — e-mailed through the outbox, or, without a mail server, shown once to the district to pass
/// on. The district never knows the password. The enterprise keeps its own contact details. Loads, calls the domain,
/// saves; refusals are <see cref="DomainException"/>s.
/// </summary>
public sealed class EnterpriseAccountService(
    AppDbContext db,
    UserManager<AppUser> users,
    AccountLinks links,
    EnterpriseAccountStates states,
    IAuditTrail audit,
    ICurrentUser currentUser,
    IClock clock)
{
    public const string RecordType = "Account";

    public async Task<RequestListModel> RequestsAsync(Guid unitId, EnterpriseAccountRequestState? state, int page, CancellationToken ct)
    {
        var query = db.EnterpriseAccountRequests.AsNoTracking().Where(r => r.RecommendingUnitId == unitId);
        if (state is { } s)
        {
            query = query.Where(r => r.State == s);
        }
        var rows = query.OrderBy(r => r.State == EnterpriseAccountRequestState.Pending ? 0 : 1).ThenByDescending(r => r.CreatedAtUtc)
            .Select(r => new RequestRow(r.Id, r.EnterpriseName, r.CreditCode, r.ContactName, r.Email, r.State, r.CreatedAtUtc));
        return new RequestListModel { State = state, Requests = await PagedList<RequestRow>.CreateAsync(rows, page, ct: ct) };
    }

    public async Task<RequestDetailsModel?> RequestAsync(Guid id, CancellationToken ct)
    {
        var request = await db.EnterpriseAccountRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return null;
        }
        var enterprise = await db.Organisations.OfType<Enterprise>().AsNoTracking().FirstAsync(e => e.Id == request.EnterpriseId, ct);
        var accounts = await db.Users.AsNoTracking().Where(u => u.OrganisationId == enterprise.Id)
            .Select(u => new ExistingAccount(u.Email!, u.DisplayName, u.PasswordHash == null)).ToListAsync(ct);
        var emailTaken = await users.FindByEmailAsync(request.Email) is not null;
        return new RequestDetailsModel { Request = request, Enterprise = enterprise, Accounts = accounts, EmailTaken = emailTaken };
    }

    /// <summary>Approves a pending request: the account is opened in the enterprise and its activation link issued.</summary>
    public async Task<IssuedLink> ApproveAsync(Guid id, Guid? version, CancellationToken ct)
    {
        var request = await db.EnterpriseAccountRequests.FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new DomainException("该申请不存在。");
        // The request as the officer read it: two officers deciding at once, the second is told, nothing changes.
        db.ExpectVersion(request, version);
        request.Approve(currentUser.UserName, clock.UtcNow);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var link = await OpenAccountAsync(request.EnterpriseId, request.ContactName, request.Email, "企业自助申请，推荐单位批准", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return link;
    }

    /// <summary>Rejects a pending request with its reason, which is e-mailed to the requester where a mail server is configured.</summary>
    public async Task RejectAsync(Guid id, Guid? version, string? reason, CancellationToken ct)
    {
        var request = await db.EnterpriseAccountRequests.FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new DomainException("该申请不存在。");
        db.ExpectVersion(request, version);
        // The requester's e-mail is the event's (EnterpriseAccountNotices), written in this save.
        request.Reject(reason, currentUser.UserName, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The invitation form, filled from the registry's contact.</summary>
    public async Task<InviteForm?> InviteFormAsync(Guid enterpriseId, CancellationToken ct)
    {
        var enterprise = await db.Organisations.OfType<Enterprise>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == enterpriseId, ct);
        if (enterprise is null)
        {
            return null;
        }
        return new InviteForm
        {
            EnterpriseId = enterprise.Id,
            EnterpriseName = enterprise.Name,
            ContactName = enterprise.ContactName ?? string.Empty,
            Email = enterprise.ContactEmail ?? string.Empty,
            State = await states.ForAsync(enterprise.Id, ct),
            Accounts = await db.Users.AsNoTracking().Where(u => u.OrganisationId == enterprise.Id)
                .Select(u => new ExistingAccount(u.Email!, u.DisplayName, u.PasswordHash == null)).ToListAsync(ct),
        };
    }

    /// <summary>
    /// The district invites the enterprise's contact (from the registry, or typed): an account awaiting activation and its
    /// link. Inviting an address the enterprise was already invited at issues a new link (the earlier one stops working).
    /// </summary>
    public async Task<IssuedLink> InviteAsync(Guid enterpriseId, string contactName, string email, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var link = await OpenAccountAsync(enterpriseId, contactName, email, "推荐单位邀请", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return link;
    }

    private async Task<IssuedLink> OpenAccountAsync(Guid enterpriseId, string contactName, string email, string how, CancellationToken ct)
    {
        var enterprise = await db.Organisations.OfType<Enterprise>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == enterpriseId, ct)
            ?? throw new DomainException("企业不存在。");
        if (!enterprise.IsActive)
        {
            throw new DomainException("该企业已停用，不能开通账户。");
        }
        var address = email.Trim();
        var existing = await users.FindByEmailAsync(address);
        if (existing is not null && (existing.OrganisationId != enterprise.Id || !existing.IsAwaitingActivation))
        {
            throw new DomainException(existing.OrganisationId == enterprise.Id
                ? "该邮箱已开通本企业账户，无需再次邀请；忘记密码可在登录页使用“忘记密码”。"
                : "该邮箱已被其他单位的账户使用，请换一个邮箱。", nameof(InviteForm.Email));
        }
        var user = existing;
        if (user is null)
        {
            user = new AppUser
            {
                UserName = address,
                Email = address,
                DisplayName = contactName.Trim(),
                OrganisationId = enterprise.Id,
                CreatedAtUtc = clock.UtcNow,
            };
            Succeeded(await users.CreateAsync(user));
            Succeeded(await users.AddToRoleAsync(user, Roles.Enterprise));
            audit.Record(AuditAction.AccountCreated, RecordType, user.Id, null, Roles.ToChinese(Roles.Enterprise), $"{address}，单位：{enterprise.Name}（{how}）");
        }
        var link = await links.IssueAsync(user, AccountLinkPurpose.Activation, links.MailConfigured, ct);
        audit.Record(AuditAction.ActivationLinkIssued, RecordType, user.Id, null, null,
            $"{address}，{(link.Mailed ? "已通过邮件发送" : "未配置邮件服务器，链接当场显示给推荐单位")}，有效期至 {ShanghaiTime.FormatDateTime(link.ExpiresAtUtc)}");
        return link;
    }

    /// <summary>The enterprise's own contact, as its form shows it.</summary>
    public async Task<ContactForm?> ContactFormAsync(Guid enterpriseId, CancellationToken ct) =>
        await db.Organisations.OfType<Enterprise>().AsNoTracking().Where(e => e.Id == enterpriseId)
            .Select(e => new ContactForm
            {
                EnterpriseName = e.Name, ContactName = e.ContactName ?? "", ContactPhone = e.ContactPhone, ContactEmail = e.ContactEmail, Version = e.Version,
            }).FirstOrDefaultAsync(ct);

    /// <summary>The enterprise changes its own contact (audited: a line of the enterprise's history, which its district reads).</summary>
    public async Task<bool> ChangeContactAsync(Guid enterpriseId, ContactForm form, CancellationToken ct)
    {
        var enterprise = await db.Organisations.OfType<Enterprise>().FirstOrDefaultAsync(e => e.Id == enterpriseId, ct)
            ?? throw new DomainException("企业不存在。");
        db.ExpectVersion(enterprise, form.Version);
        var changed = enterprise.ChangeContactByEnterprise(form.ContactName, form.ContactPhone, form.ContactEmail);
        await db.SaveChangesAsync(ct);
        return changed;
    }

    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
