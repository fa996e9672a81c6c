using System.Security.Claims;
using ZhiPingQuan.Web.Authorization;

namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>Who is acting, for services that have no controller at hand (audit trail, seeding).</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }
    string UserName { get; }
    Guid? OrganisationId { get; }
    string OrganisationName { get; }
    string? RemoteAddress { get; }
    ClaimsPrincipal Principal { get; }
}

public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public ClaimsPrincipal Principal => accessor.HttpContext?.User ?? Anonymous;
    public Guid? UserId => Principal.GetUserId();
    public string UserName => Principal.Identity?.IsAuthenticated == true ? Principal.GetDisplayName() : "系统";
    public Guid? OrganisationId => Principal.GetOrganisationId();
    public string OrganisationName => Principal.GetOrganisationName();
    public string? RemoteAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
