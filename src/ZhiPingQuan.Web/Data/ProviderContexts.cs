using Microsoft.EntityFrameworkCore;

namespace ZhiPingQuan.Web.Data;

// One subclass per provider so each has its own migrations set (Migrations/Sqlite, /Postgres,
// /SqlServer) — EF Core's "multiple providers" pattern. The app registers the one chosen by
// Database:Provider and everything else asks for AppDbContext.

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, IDomainEventDispatcher? events = null)
    : AppDbContext(options, events);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, IDomainEventDispatcher? events = null)
    : AppDbContext(options, events);

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options, IDomainEventDispatcher? events = null)
    : AppDbContext(options, events);
