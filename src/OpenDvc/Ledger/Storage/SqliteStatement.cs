using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OpenDvc.Ledger.Storage;

/// <summary>
/// A prepared SQLite statement on the writer's connection, bound by position through SQLitePCLRaw. The writer's
/// hot loop binds hundreds of values per statement: <see cref="SqliteCommand"/> looks each parameter up by name
/// in every execution (a linear search on both sides, quadratic in a multi-row statement) and boxes every value;
/// by position, a bind is one native call. Used only inside the writer's transaction, on its own connection.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(db, sql, out statement));
    }

    /// <summary>Binds <paramref name="value"/> to the 1-based parameter <paramref name="index"/>.</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(statement, index, value));

    /// <summary>
    /// Binds text as UTF-16 straight from the string (SQLite copies and converts it): the UTF-8 overload
    /// allocated a byte array per value.
    /// </summary>
    public void Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text16(statement, index, value.AsSpan()));

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(statement, index));

    /// <summary>Runs a statement that returns no rows; returns the rows it changed.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return raw.sqlite3_changes(db);
    }

    /// <summary>Steps to the next row of a query; false (and the statement reset) after the last one.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return false;
    }

    /// <summary>Ends a query read only in part (its rows are not needed), so the statement can be bound again.</summary>
    public void Reset() => raw.sqlite3_reset(statement);

    public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    public string Text(int column) => raw.sqlite3_column_text(statement, column).utf8_to_string();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    public void Dispose() => statement.Dispose();
}
