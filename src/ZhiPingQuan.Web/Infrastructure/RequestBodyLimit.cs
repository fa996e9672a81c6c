using Microsoft.AspNetCore.Http.Metadata;

namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>
/// Every request body is limited to 1 MB unless its action says otherwise with <c>[RequestSizeLimit]</c> (the batch-list
/// import, the report upload, evidence files). Kestrel enforces the same limit while reading (set at start-up); this
/// middleware refuses a declared length at once — also where no Kestrel reads (the test host). An action with a limit
/// of its own is left to it: MVC raises Kestrel's limit for that request, and the action may answer an oversized
/// upload in Chinese itself (the batch-list import does).
/// </summary>
public static class RequestBodyLimit
{
    public const long DefaultBytes = 1024 * 1024;

    /// <summary>After routing, so the action's own limit is known.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var ownLimit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is not null;
            if (!ownLimit && context.Request.ContentLength > DefaultBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            await next();
        });
}
