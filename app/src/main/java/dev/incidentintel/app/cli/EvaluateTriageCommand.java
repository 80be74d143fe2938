package dev.incidentintel.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.triage.ConsoleProgress;
import dev.incidentintel.triage.Options;
import dev.incidentintel.triage.TriageInput;
import dev.incidentintel.triage.dataset.TicketTable;
import dev.incidentintel.triage.evaluate.ClassificationMetrics;
import dev.incidentintel.triage.evaluate.TriageEvaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code evaluate triage}: trains on {@code --train} and measures on {@code --test} (or on a seeded
 * stratified hold-out of {@code --train}), printing the model's and the multinomial Naive Bayes
 * baseline's accuracy, macro-F1, per-class figures and confusion matrix.
 */
@Command(
        name = "triage",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate the triage classifier against a Naive Bayes baseline on ticket files.")
public final class EvaluateTriageCommand implements Callable<Integer> {
    @Option(names = "--train", required = true, description = "Training file, CSV or NDJSON.")
    Path train;

    @Option(
            names = "--test",
            description =
                    "Test file; when omitted a stratified --test-fraction of --train is held out.")
    Path test;

    @Option(
            names = "--test-fraction",
            description = "Held-out fraction without --test. Default: ${DEFAULT-VALUE}.")
    double testFraction = 0.2;

    @Option(
            names = "--text-cols",
            required = true,
            split = ",",
            description = "Text columns: the first is the title, the rest the description.")
    List<String> textCols;

    @Option(names = "--target", required = true, description = "Label column.")
    String target;

    @Option(names = "--json", description = "Print all figures as one JSON object.")
    boolean json;

    @Mixin TriageModelOptions model = new TriageModelOptions();

    @Override
    public Integer call() throws IOException {
        Options options = model.toOptions();
        TicketTable trainTable = TicketTable.read(train);
        List<TriageInput> trainX = trainTable.inputs(textCols);
        List<String> trainY = trainTable.column(target);
        List<TriageInput> testX;
        List<String> testY;
        if (test != null) {
            TicketTable testTable = TicketTable.read(test);
            testX = testTable.inputs(textCols);
            testY = testTable.column(target);
        } else {
            boolean[] held = TriageEvaluation.split(trainY, testFraction, options.seed());
            List<TriageInput> tx = new ArrayList<>();
            List<String> ty = new ArrayList<>();
            testX = new ArrayList<>();
            testY = new ArrayList<>();
            for (int i = 0; i < held.length; i++) {
                (held[i] ? testX : tx).add(trainX.get(i));
                (held[i] ? testY : ty).add(trainY.get(i));
            }
            trainX = tx;
            trainY = ty;
        }
        TriageEvaluation.Report r =
                TriageEvaluation.run(
                        target,
                        trainX,
                        trainY,
                        testX,
                        testY,
                        options,
                        new ConsoleProgress(System.err));
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(r.toMap()));
            return 0;
        }
        System.out.printf(
                "target %s: %d training rows, %d test rows; model %s (chosen by %d-fold CV)%n",
                target, r.trainRows(), r.testRows(), r.selection().algorithm(), options.folds());
        r.selection()
                .candidates()
                .forEach(
                        (alg, m) ->
                                System.out.printf(
                                        "  cv %-14s accuracy %.4f  macro-F1 %.4f%n",
                                        alg, m.get("accuracy"), m.get("macro_f1")));
        System.out.printf(
                "%-22s accuracy %.4f  macro-F1 %.4f%n",
                "model", r.model().accuracy(), r.model().macroF1());
        System.out.printf(
                "%-22s accuracy %.4f  macro-F1 %.4f%n",
                "naive bayes baseline", r.baseline().accuracy(), r.baseline().macroF1());
        System.out.printf(
                "at confidence >= %.2f: precision %.4f, coverage %.4f%n",
                r.abstainThreshold(), r.precisionAtThreshold(), r.coverageAtThreshold());
        System.out.printf(
                "training %.1f s; inference %.0f tickets/s (one thread, features included)%n",
                r.trainSeconds(), r.inferencePerSecond());
        System.out.println();
        printPerClass("model", r.model());
        printPerClass("naive bayes baseline", r.baseline());
        System.out.println("confusion matrix (rows = truth, columns = predicted):");
        List<String> cls = r.model().classes();
        StringBuilder head = new StringBuilder(String.format("%12s", ""));
        cls.forEach(c -> head.append(String.format(" %6s", abbreviate(c))));
        System.out.println(head);
        for (int i = 0; i < cls.size(); i++) {
            StringBuilder row = new StringBuilder(String.format("%12s", abbreviate(cls.get(i))));
            for (int j = 0; j < cls.size(); j++) {
                row.append(String.format(" %6d", r.model().confusion()[i][j]));
            }
            System.out.println(row);
        }
        return 0;
    }

    private static void printPerClass(String name, ClassificationMetrics m) {
        System.out.println(name + " per class:");
        System.out.printf(
                "  %-24s %9s %9s %9s %8s%n", "class", "precision", "recall", "f1", "support");
        for (ClassificationMetrics.ClassFigures f : m.perClass()) {
            System.out.printf(
                    "  %-24s %9.4f %9.4f %9.4f %8d%n",
                    f.label(), f.precision(), f.recall(), f.f1(), f.support());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 6 ? s : s.substring(0, 6);
    }
}
