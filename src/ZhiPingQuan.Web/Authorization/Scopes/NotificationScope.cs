using ZhiPingQuan.Domain.Notifications;

namespace ZhiPingQuan.Web.Authorization.Scopes;

/// <summary>
/// A notice is read — and marked read — by the people it is addressed to: every user of the organisation it went to, or the one
/// user it went to. Nobody else, whatever the role: another organisation's notice answers 404.
/// </summary>
public sealed class NotificationScope : RecordScope<Notification>
{
    public NotificationScope()
    {
        Read([.. Roles.All]).Where((n, org, user) => n.RecipientOrganisationId == org || n.RecipientUserId == user);
        Edit([.. Roles.All]).Where((n, org, user) => n.RecipientOrganisationId == org || n.RecipientUserId == user);
    }
}
