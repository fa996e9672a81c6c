using System.Collections;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace ZhiPingQuan.Web.Data;

/// <summary>
/// Writes many NEW records at once, for the batch-list import (10 000 enterprises with their recommendations
/// and audit entries in one confirm). EF Core's change tracker and per-row commands cost several seconds
/// there; this writes multi-row INSERTs from the same EF model instead — table and column names, value
/// converters (enums as names, UTC times, credit codes) and each provider's parameter types all come from
/// the model, so the rows are exactly what SaveChanges would have written (the tests compare the two).
/// Owned collections (a recommendation's bases and contracts) are written after their owner.
/// The entities are not tracked afterwards. Call it inside the caller's transaction: it joins the
/// context's current one. A refusal by the database (a unique index, a foreign key) surfaces as a
/// <see cref="DbUpdateException"/>, as it would from SaveChanges.
/// </summary>
public static class BulkInsert
{
    /// <summary>
    /// For a database server, many rows per statement save round trips: parameters per statement stay below
    /// SQL Server's 2 100 (PostgreSQL allows 65 535) and rows below SQL Server's 1 000 per VALUES list.
    /// </summary>
    private const int MaxParametersPerStatement = 2000;
    private const int MaxRowsPerStatement = 1000;

    /// <summary>An entity type belongs to one model, so it alone names the plan.</summary>
    private static readonly ConcurrentDictionary<IEntityType, TablePlan> Plans = new();

    public static async Task InsertNewAsync<TEntity>(this DbContext db, IReadOnlyCollection<TEntity> entities, CancellationToken ct = default)
        where TEntity : class
    {
        if (entities.Count == 0)
        {
            return;
        }
        var entityType = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not part of the model.");
        await WriteAsync(db, entityType, entities.Select(e => new PendingRow(e, null)).ToList(), ct);
    }

    /// <summary>
    /// After many rows came in at once, on PostgreSQL: these entities' tables (and their owned collections' tables) are
    /// vacuumed and their planner statistics refreshed now (<c>VACUUM (ANALYZE)</c>). Autovacuum would do both a minute
    /// or so later; until then the new rows' tables are planned as they were before — a few dozen rows — and a list over
    /// 10 000 records can run a nested loop of 10 000 table scans, and the lists' counts, which read an index alone
    /// only for pages the vacuum has marked all-visible, visit the table for each new row (0.9 against 0.36 ms for a
    /// district's count of 10 000; both measured by the load benchmark). The vacuum only reads the pages changed since
    /// the last one. The import has committed by then (a vacuum cannot run inside a transaction), so a refusal here
    /// (the application's database role is not the tables' owner: PostgreSQL then only warns) changes nothing.
    /// SQLite keeps no statistics unless asked (its planner's choices are tested as they are); SQL Server refreshes
    /// them itself when a query is compiled.
    /// </summary>
    public static async Task RefreshStatisticsAsync(this DbContext db, IEnumerable<Type> entities, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        var tables = entities.Select(t => db.Model.FindEntityType(t) ?? throw new InvalidOperationException($"{t.Name} is not part of the model."))
            .SelectMany(e => OwnedNavigations(e).Select(n => n.TargetEntityType).Prepend(e))
            .Select(e => e.GetTableName()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        // Table names come from the model, never from input; quoted as the migrations create them.
        var refresh = "VACUUM (ANALYZE) " + string.Join(", ", tables.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        try
        {
            await db.Database.ExecuteSqlRawAsync(refresh, ct);
        }
        catch (DbException)
        {
            // The rows are in; only the planner's figures wait for autovacuum.
        }
    }

    private readonly record struct PendingRow(object Entity, object? Owner);

    /// <summary>The entity's owned references and collections (a recommendation's bases and contracts): rows of their own tables.</summary>
    private static IEnumerable<INavigation> OwnedNavigations(IEntityType entityType) =>
        entityType.GetNavigations().Where(n => n.ForeignKey.IsOwnership && !n.IsOnDependent);

    private static async Task WriteAsync(DbContext db, IEntityType entityType, List<PendingRow> rows, CancellationToken ct)
    {
        var plan = Plans.GetOrAdd(entityType, TablePlan.For);
        await plan.WriteAsync(db, rows, ct);

        foreach (var navigation in OwnedNavigations(entityType))
        {
            var getter = navigation.GetGetter();
            var children = new List<PendingRow>();
            foreach (var row in rows)
            {
                var value = getter.GetClrValue(row.Entity);
                if (value is IEnumerable collection && navigation.IsCollection)
                {
                    foreach (var child in collection)
                    {
                        children.Add(new PendingRow(child, row.Entity));
                    }
                }
                else if (value is not null)
                {
                    children.Add(new PendingRow(value, row.Entity));
                }
            }
            if (children.Count > 0)
            {
                await WriteAsync(db, navigation.TargetEntityType, children, ct);
            }
        }
    }

    /// <summary>How one entity type's rows go into its table: columns, how each value is found, the SQL per chunk size.</summary>
    private sealed class TablePlan
    {
        private readonly string _table;
        private readonly string? _schema;
        private readonly Column[] _columns;

        private TablePlan(string table, string? schema, Column[] columns)
        {
            _table = table;
            _schema = schema;
            _columns = columns;
        }

        private sealed record Column(string Name, RelationalTypeMapping Mapping, bool Nullable, Func<object, object?, object?> Value);

        public static TablePlan For(IEntityType entityType)
        {
            var table = entityType.GetTableName()
                ?? throw new NotSupportedException($"{entityType.DisplayName()} is not mapped to a table.");
            var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            var ownership = entityType.FindOwnership();
            if (ownership is not null && ownership.PrincipalEntityType.GetTableName() == table)
            {
                throw new NotSupportedException($"{entityType.DisplayName()} shares its owner's table; write the owner with SaveChanges.");
            }

            var columns = new List<Column>();
            foreach (var property in entityType.GetProperties())
            {
                var name = property.GetColumnName(store)
                    ?? throw new NotSupportedException($"{entityType.DisplayName()}.{property.Name} has no column.");
                // Every column is written from the entity (ids and versions are made by the domain); a
                // computed column cannot be, and the model has none.
                if (property.GetComputedColumnSql(store) is not null)
                {
                    throw new NotSupportedException($"{entityType.DisplayName()}.{property.Name} is computed by the database.");
                }
                columns.Add(new Column(name, (RelationalTypeMapping)property.GetTypeMapping(), property.IsNullable, ValueOf(entityType, property, ownership)));
            }
            return new TablePlan(table, entityType.GetSchema(), columns.ToArray());
        }

        /// <summary>
        /// A CLR property is read from the entity; the two shadow properties a model like ours has are the
        /// TPH discriminator (the type's own value) and an owned row's key to its owner (the owner's key).
        /// </summary>
        private static Func<object, object?, object?> ValueOf(IEntityType entityType, IProperty property, IForeignKey? ownership)
        {
            if (!property.IsShadowProperty())
            {
                var getter = property.GetGetter();
                return (entity, _) => getter.GetClrValue(entity);
            }
            if (property == entityType.FindDiscriminatorProperty())
            {
                var discriminator = entityType.GetDiscriminatorValue();
                return (_, _) => discriminator;
            }
            if (ownership is not null && ownership.Properties.Contains(property))
            {
                var principal = ownership.PrincipalKey.Properties[ownership.Properties.ToList().IndexOf(property)].GetGetter();
                return (_, owner) => principal.GetClrValue(owner ?? throw new InvalidOperationException("An owned row needs its owner."));
            }
            throw new NotSupportedException($"{entityType.DisplayName()}.{property.Name} is a shadow property the bulk insert cannot fill.");
        }

        public async Task WriteAsync(DbContext db, List<PendingRow> rows, CancellationToken ct)
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");
            if (connection is SqliteConnection sqlite)
            {
                WriteSqlite(sqlite, sql, rows, ct);
                return;
            }

            var rowsPerStatement = Math.Max(1, Math.Min(MaxRowsPerStatement, MaxParametersPerStatement / _columns.Length));
            DbCommand? full = null;
            try
            {
                for (var start = 0; start < rows.Count; start += rowsPerStatement)
                {
                    var count = Math.Min(rowsPerStatement, rows.Count - start);
                    // Every chunk but the last has the same shape: one prepared command, new values each time.
                    var command = count == rowsPerStatement
                        ? full ??= await CreateCommandAsync(connection, transaction, sql, count, ct)
                        : await CreateCommandAsync(connection, transaction, sql, count, ct);
                    try
                    {
                        var p = 0;
                        for (var r = start; r < start + count; r++)
                        {
                            var row = rows[r];
                            foreach (var column in _columns)
                            {
                                command.Parameters[p++].Value = ToProvider(column, column.Value(row.Entity, row.Owner));
                            }
                        }
                        await command.ExecuteNonQueryAsync(ct);
                    }
                    catch (DbException e)
                    {
                        throw new DbUpdateException($"Bulk insert into {_table} was refused by the database: {e.Message}", e);
                    }
                    finally
                    {
                        if (command != full)
                        {
                            await command.DisposeAsync();
                        }
                    }
                }
            }
            finally
            {
                if (full is not null)
                {
                    await full.DisposeAsync();
                }
            }
        }

        /// <summary>
        /// SQLite runs in-process, so the cost is per value bound: Microsoft.Data.Sqlite looks each parameter
        /// up by name on every execution (its cost grows with the square of their number) — about 40% of the
        /// import's write time. One statement is prepared on the same connection (so inside the caller's
        /// transaction) and values are bound by position, stored as Microsoft.Data.Sqlite stores them for EF
        /// (the tests compare the rows with SaveChanges' own).
        /// </summary>
        private void WriteSqlite(SqliteConnection connection, ISqlGenerationHelper sql, List<PendingRow> rows, CancellationToken ct)
        {
            var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
            var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(_table, _schema)).Append(" (")
                .AppendJoin(", ", _columns.Select(c => sql.DelimitIdentifier(c.Name))).Append(") VALUES (")
                .AppendJoin(", ", _columns.Select(_ => "?")).Append(')');
            Check(handle, raw.sqlite3_prepare_v2(handle, text.ToString(), out var statement));
            var binder = new SqliteBinder();
            using (statement)
            {
                for (var r = 0; r < rows.Count; r++)
                {
                    if (r % 1000 == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                    }
                    var row = rows[r];
                    for (var c = 0; c < _columns.Length; c++)
                    {
                        Check(handle, binder.Bind(statement, c + 1, ToProvider(_columns[c], _columns[c].Value(row.Entity, row.Owner))));
                    }
                    var done = raw.sqlite3_step(statement);
                    raw.sqlite3_reset(statement);
                    if (done != raw.SQLITE_DONE)
                    {
                        Check(handle, done);
                    }
                }
            }
        }

        /// <summary>
        /// Binds a value as Microsoft.Data.Sqlite stores it for EF's SQLite mappings: Guid as upper-case text,
        /// decimal and DateTime as invariant text. Text is encoded into one reused UTF-8 buffer (SQLite copies
        /// it) — encoding a new array per value made the garbage collector a fifth of the import's time.
        /// </summary>
        private sealed class SqliteBinder
        {
            private const string DecimalFormat = "0.0###########################";
            private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";
            private const string DateFormat = @"yyyy\-MM\-dd";

            private readonly char[] _chars = new char[64];
            private byte[] _utf8 = new byte[1024];

            public int Bind(sqlite3_stmt statement, int index, object value) => value switch
            {
                DBNull => raw.sqlite3_bind_null(statement, index),
                string s => BindText(statement, index, s),
                Guid g => BindGuid(statement, index, g),
                bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
                int i => raw.sqlite3_bind_int64(statement, index, i),
                long l => raw.sqlite3_bind_int64(statement, index, l),
                double d => raw.sqlite3_bind_double(statement, index, d),
                decimal m when m.TryFormat(_chars, out var n, DecimalFormat, CultureInfo.InvariantCulture) => BindText(statement, index, _chars.AsSpan(0, n)),
                DateTime t when t.TryFormat(_chars, out var n, DateTimeFormat, CultureInfo.InvariantCulture) => BindText(statement, index, _chars.AsSpan(0, n)),
                DateOnly d when d.TryFormat(_chars, out var n, DateFormat, CultureInfo.InvariantCulture) => BindText(statement, index, _chars.AsSpan(0, n)),
                byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
                _ => throw new NotSupportedException($"A {value.GetType().Name} value has no SQLite bulk form; add it here and to the tests."),
            };

            private int BindGuid(sqlite3_stmt statement, int index, Guid value)
            {
                value.TryFormat(_chars, out var n, "D");
                var text = _chars.AsSpan(0, n);
                for (var i = 0; i < text.Length; i++)
                {
                    text[i] = char.ToUpperInvariant(text[i]);
                }
                return BindText(statement, index, text);
            }

            private int BindText(sqlite3_stmt statement, int index, ReadOnlySpan<char> text)
            {
                if (text.IsEmpty)
                {
                    // An empty span would reach SQLite as a null pointer, which binds NULL instead of ''.
                    return raw.sqlite3_bind_text(statement, index, string.Empty);
                }
                var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
                if (_utf8.Length < needed)
                {
                    _utf8 = new byte[Math.Max(needed, _utf8.Length * 2)];
                }
                var length = Encoding.UTF8.GetBytes(text, _utf8);
                return raw.sqlite3_bind_text(statement, index, _utf8.AsSpan(0, length));
            }
        }

        private void Check(sqlite3 handle, int result)
        {
            if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                var message = raw.sqlite3_errmsg(handle).utf8_to_string();
                throw new DbUpdateException($"Bulk insert into {_table} was refused by the database: {message}",
                    new SqliteException(message, result, raw.sqlite3_extended_errcode(handle)));
            }
        }

        private static object ToProvider(Column column, object? value)
        {
            if (value is not null && column.Mapping.Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }
            return value ?? DBNull.Value;
        }

        private async Task<DbCommand> CreateCommandAsync(DbConnection connection, DbTransaction transaction, ISqlGenerationHelper sql, int rowCount, CancellationToken ct)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(_table, _schema)).Append(" (");
            text.AppendJoin(", ", _columns.Select(c => sql.DelimitIdentifier(c.Name))).Append(") VALUES ");
            var p = 0;
            for (var r = 0; r < rowCount; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < _columns.Length; c++)
                {
                    var name = "p" + p++;
                    text.Append(c == 0 ? string.Empty : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                    // The mapping sets the provider's type for the parameter (e.g. SQLite stores a Guid as TEXT);
                    // values are filled per chunk.
                    command.Parameters.Add(_columns[c].Mapping.CreateParameter(command, sql.GenerateParameterName(name), null, _columns[c].Nullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.PrepareAsync(ct);
            return command;
        }
    }
}
