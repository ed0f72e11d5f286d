import Testing
@testable import WarRoomPostgres

/// What the PostgreSQL backend does to text before a server sees it.
@Suite("PostgreSQL text handling")
struct PostgresTextTests {
    @Test("a location never shows the password, in the URL's user part or its parameters")
    func passwordStripped() {
        #expect(PostgresLocation.withoutPassword("postgresql://bob:s3cr:et@db1,db2:5433/warroom?target_session_attrs=read-write")
                == "postgresql://bob@db1,db2:5433/warroom?target_session_attrs=read-write")
        #expect(PostgresLocation.withoutPassword("postgres:///warroom?host=/var/run/postgresql&password=x&sslmode=require")
                == "postgres:///warroom?host=/var/run/postgresql&sslmode=require")
        #expect(PostgresLocation.withoutPassword("postgresql://bob@host/db") == "postgresql://bob@host/db")
        #expect(PostgresLocation.withoutPassword("postgresql:///db?password=x") == "postgresql:///db")
    }

    @Test("? becomes $n outside string literals, quoted names and comments")
    func placeholders() {
        #expect(PostgresPlaceholders.numbered("SELECT * FROM t WHERE a = ? AND b = '?' AND \"c?\" = ? -- why?\nLIMIT ?")
                == "SELECT * FROM t WHERE a = $1 AND b = '?' AND \"c?\" = $2 -- why?\nLIMIT $3")
        #expect(PostgresPlaceholders.numbered("VALUES ('it''s ?', ?)") == "VALUES ('it''s ?', $1)")
    }
}
