package dev.incidentintel.triage.lucene;

import dev.incidentintel.triage.TriageException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A Lucene index of past incidents for "have we seen this before?": BM25 over title, summary, alert
 * names, log templates and resolution notes (English analysis, title and alert names boosted), with
 * exact filters on service and environment and a range filter on the opening time. Thread-safe;
 * {@link #add} is visible to searches after {@link #commit} (or {@link #refresh}).
 */
public final class SimilarIncidents implements Closeable {
    private static final String ID = "id";
    private static final String TITLE = "title";
    private static final String SUMMARY = "summary";
    private static final String ALERTS = "alerts";
    private static final String LOGS = "logs";
    private static final String RESOLUTION = "resolution";
    private static final String SERVICE = "service";
    private static final String ENVIRONMENT = "environment";
    private static final String CATEGORY = "category";
    private static final String OPENED = "opened";
    private static final String[] TEXT_FIELDS = {TITLE, SUMMARY, ALERTS, LOGS, RESOLUTION};
    // Titles and alert names say what broke; resolution notes mostly say how it was fixed.
    private static final Map<String, Float> BOOSTS =
            Map.of(TITLE, 2.0f, ALERTS, 2.0f, SUMMARY, 1.0f, LOGS, 0.7f, RESOLUTION, 0.5f);

    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private SimilarIncidents(Directory directory) throws IOException {
        this.directory = directory;
        this.analyzer = new EnglishAnalyzer();
        IndexWriterConfig cfg = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
        this.writer = new IndexWriter(directory, cfg);
        this.searchers = new SearcherManager(writer, null);
    }

    /** An index in memory (tests, the demo). */
    public static SimilarIncidents inMemory() {
        try {
            return new SimilarIncidents(new ByteBuffersDirectory());
        } catch (IOException e) {
            throw new TriageException("index", "cannot create index: " + e.getMessage(), e);
        }
    }

    /** An index in {@code dir}, created when missing. */
    public static SimilarIncidents open(Path dir) {
        try {
            return new SimilarIncidents(FSDirectory.open(dir));
        } catch (IOException e) {
            throw new TriageException(
                    "index", "cannot open index " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Adds or replaces (same id) an incident. */
    public void add(PastIncident in) {
        Document d = new Document();
        d.add(new StringField(ID, in.id(), Field.Store.YES));
        d.add(new TextField(TITLE, in.title(), Field.Store.YES));
        d.add(new TextField(SUMMARY, in.summary(), Field.Store.NO));
        d.add(new TextField(ALERTS, String.join(" ", in.alertNames()), Field.Store.NO));
        d.add(new TextField(LOGS, String.join("\n", in.logTemplates()), Field.Store.NO));
        d.add(new TextField(RESOLUTION, in.resolutionNotes(), Field.Store.YES));
        d.add(new StringField(SERVICE, in.service(), Field.Store.YES));
        d.add(new StringField(ENVIRONMENT, in.environment(), Field.Store.YES));
        d.add(new StoredField(CATEGORY, in.category()));
        d.add(new LongPoint(OPENED, in.openedAt().toEpochMilli()));
        d.add(new StoredField(OPENED, in.openedAt().toEpochMilli()));
        try {
            writer.updateDocument(new Term(ID, in.id()), d);
        } catch (IOException e) {
            throw new TriageException(
                    "index", "cannot index incident " + in.id() + ": " + e.getMessage(), e);
        }
    }

    /** Makes additions durable and visible to searches. */
    public void commit() {
        try {
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new TriageException("index", "cannot commit index: " + e.getMessage(), e);
        }
    }

    /** Makes additions visible to searches without an fsync. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new TriageException("index", "cannot refresh index: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code k} incidents most similar to {@code text} (a title, summary or alert names) that
     * pass {@code filters}, best first.
     */
    public List<SimilarIncident> search(String text, SearchFilters filters, int k) {
        if (k < 1) {
            throw new TriageException("k", "k must be >= 1: " + k);
        }
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Query match;
        try {
            MultiFieldQueryParser parser = new MultiFieldQueryParser(TEXT_FIELDS, analyzer, BOOSTS);
            parser.setDefaultOperator(QueryParser.Operator.OR);
            // Query text is data, never query syntax: escape it.
            match = parser.parse(QueryParser.escape(text));
        } catch (ParseException e) {
            throw new TriageException("query", "cannot parse query: " + e.getMessage(), e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new TriageException("query", "query text too long", e);
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(match, BooleanClause.Occur.MUST);
        if (filters.service() != null) {
            q.add(new TermQuery(new Term(SERVICE, filters.service())), BooleanClause.Occur.FILTER);
        }
        if (filters.environment() != null) {
            q.add(
                    new TermQuery(new Term(ENVIRONMENT, filters.environment())),
                    BooleanClause.Occur.FILTER);
        }
        if (filters.from() != null || filters.to() != null) {
            long lo = filters.from() == null ? Long.MIN_VALUE : filters.from().toEpochMilli();
            long hi = filters.to() == null ? Long.MAX_VALUE : filters.to().toEpochMilli() - 1;
            q.add(LongPoint.newRangeQuery(OPENED, lo, hi), BooleanClause.Occur.FILTER);
        }
        try {
            IndexSearcher s = searchers.acquire();
            try {
                s.setSimilarity(new BM25Similarity());
                List<SimilarIncident> out = new ArrayList<>();
                for (ScoreDoc sd : s.search(q.build(), k).scoreDocs) {
                    Document d = s.storedFields().document(sd.doc);
                    out.add(
                            new SimilarIncident(
                                    d.get(ID),
                                    sd.score,
                                    d.get(TITLE),
                                    d.get(RESOLUTION),
                                    d.get(SERVICE),
                                    d.get(ENVIRONMENT),
                                    d.get(CATEGORY),
                                    Instant.ofEpochMilli(
                                            d.getField(OPENED).numericValue().longValue())));
                }
                return out;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new TriageException("index", "search failed: " + e.getMessage(), e);
        }
    }

    /** Number of incidents visible to searches. */
    public int size() {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return s.getIndexReader().numDocs();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new TriageException("index", "cannot read index: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
