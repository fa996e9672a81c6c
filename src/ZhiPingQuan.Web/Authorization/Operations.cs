using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>What a user wants to do with a record; handlers decide per record type and role.</summary>
public static class Operations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };
}
