package dev.bookstore.etl;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.InvalidArgumentException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The models and the order to build them in: every model after the models it reads. Validates on construction:
 * unique names, references to existing models in the right layer, tests naming existing models, and no cycles
 * (the error names the cycle).
 */
final class ModelGraph {
    private final Map<String, Model> byName = new LinkedHashMap<>();
    private final List<Model> order;
    private final Map<String, Set<String>> dependents = new HashMap<>();
    private final List<DataTest.Custom> customTests;

    ModelGraph(Collection<Model> models, Collection<DataTest.Custom> customTests) {
        for (Model m : models) {
            Model previous = byName.putIfAbsent(m.name(), m);
            if (previous != null) {
                throw new InvalidArgumentException("model '" + m.name() + "' is defined twice: in "
                        + previous.resource()
                        + " and in " + m.resource());
            }
        }
        for (Model m : models) {
            for (String ref : ModelFile.modelReferences(m.sql())) {
                String layer = ref.substring(0, ref.indexOf(':'));
                String name = ref.substring(ref.indexOf(':') + 1);
                Model target = byName.get(name);
                if (target == null) {
                    throw new InvalidArgumentException(m.resource() + ": reads ${" + ref + "}, but there is no model '"
                            + name + "' (models: " + String.join(", ", new TreeSet<>(byName.keySet())) + ")");
                }
                if (!target.layer().word().equals(layer)) {
                    throw new InvalidArgumentException(m.resource() + ": reads ${" + ref + "}, but model '" + name
                            + "' is in layer " + target.layer().word() + ": write ${" + target.layer().word() + ":"
                            + name + "}");
                }
                dependents.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(m.name());
            }
            for (DataTest t : m.tests()) {
                if (t instanceof DataTest.Relationships r) {
                    Model to = byName.get(r.toModel());
                    if (to == null || to.column(r.toColumn()).isEmpty()) {
                        throw new InvalidArgumentException(m.resource() + ": test " + r.declaration() + " names "
                                + r.toModel() + "." + r.toColumn() + ", which is not a declared model column");
                    }
                }
            }
        }
        for (DataTest.Custom t : customTests) {
            if (!byName.containsKey(t.model())) {
                throw new InvalidArgumentException(t.resource() + ": test '" + t.name() + "' is about model '"
                        + t.model()
                        + "', which does not exist (models: " + String.join(", ", new TreeSet<>(byName.keySet()))
                        + ")");
            }
            for (String ref : ModelFile.modelReferences(t.sql())) {
                String name = ref.substring(ref.indexOf(':') + 1);
                if (!byName.containsKey(name)) {
                    throw new InvalidArgumentException(t.resource() + ": reads ${" + ref + "}, but there is no model '"
                            + name + "'");
                }
            }
        }
        this.customTests = List.copyOf(customTests);
        this.order = topologicalOrder();
    }

    /** Kahn's algorithm; among ready models, staging before intermediate before marts, then by name. */
    private List<Model> topologicalOrder() {
        Map<String, Integer> waiting = new HashMap<>();
        for (Model m : byName.values()) {
            waiting.put(m.name(), m.dependsOn().size());
        }
        PriorityQueue<Model> ready = new PriorityQueue<>(Comparator.comparing((Model m) -> m.layer().ordinal())
                .thenComparing(Model::name));
        byName.values().stream().filter(m -> m.dependsOn().isEmpty()).forEach(ready::add);
        List<Model> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            Model m = ready.poll();
            out.add(m);
            for (String d : dependents.getOrDefault(m.name(), Set.of())) {
                if (waiting.merge(d, -1, Integer::sum) == 0) {
                    ready.add(byName.get(d));
                }
            }
        }
        if (out.size() < byName.size()) {
            throw new InvalidArgumentException("models form a cycle: " + String.join(" -> ", findCycle(out))
                    + " (an arrow points from a model to one that reads it); a model cannot depend on itself, directly or "
                    + "through others");
        }
        return List.copyOf(out);
    }

    /** A cycle among the models Kahn's algorithm could not place, as a path that returns to its start. */
    private List<String> findCycle(List<Model> placed) {
        Set<String> done = new LinkedHashSet<>();
        placed.forEach(m -> done.add(m.name()));
        String start = byName.keySet().stream().filter(n -> !done.contains(n)).sorted().findFirst().orElseThrow();
        // walk dependencies among unplaced models until a model repeats
        Deque<String> path = new ArrayDeque<>();
        Map<String, Integer> position = new HashMap<>();
        String current = start;
        while (!position.containsKey(current)) {
            position.put(current, path.size());
            path.addLast(current);
            current = byName.get(current).dependsOn().stream().filter(n -> !done.contains(n)).sorted().findFirst()
                    .orElseThrow();
        }
        List<String> cycle = new ArrayList<>(new ArrayList<>(path).subList(position.get(current), path.size()));
        // start the report at the reader of the alphabetically first model, so the message does not depend on order
        java.util.Collections.rotate(cycle, -((cycle.indexOf(cycle.stream().sorted().findFirst().orElseThrow()) + 1)
                % cycle.size()));
        List<String> reads = new ArrayList<>();
        // path follows "reads" edges; show it in data-flow order (a -> b: b reads a)
        for (int i = cycle.size() - 1; i >= 0; i--) {
            reads.add(cycle.get(i));
        }
        reads.add(reads.get(0));
        return reads;
    }

    /** Every model, in build order. */
    List<Model> order() {
        return order;
    }

    /** The custom tests. */
    List<DataTest.Custom> customTests() {
        return customTests;
    }

    Model model(String name) {
        Model m = byName.get(name);
        if (m == null) {
            throw unknown(name);
        }
        return m;
    }

    /**
     * The selected models and every model that depends on them, directly or not, in build order; every model when
     * {@code names} is empty.
     *
     * @throws InvalidArgumentException naming an unknown model and listing the known ones
     */
    List<Model> select(Collection<String> names) {
        if (names.isEmpty()) {
            return order;
        }
        Set<String> chosen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String n : names) {
            model(n);
            todo.add(n);
        }
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (chosen.add(n)) {
                todo.addAll(dependents.getOrDefault(n, Set.of()));
            }
        }
        return order.stream().filter(m -> chosen.contains(m.name())).toList();
    }

    private BookstoreException unknown(String name) {
        return new InvalidArgumentException("there is no model '" + name + "' (models: "
                + String.join(", ", order.stream().map(Model::name).toList()) + ")"
                + (name.contains(".") ? "; give the model name without layer, e.g. "
                + name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : ""));
    }
}
