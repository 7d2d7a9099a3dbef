package dev.braid.testkit;

/**
 * The generator contract for a stage that works on the list the earlier generators of a chain made (rules, a
 * reranker): it learns nothing from the training data, so it need not beat a random ranking, and it gives no
 * reasons for the top of a list it did not touch. Its own tests check what it filters, reorders and explains.
 *
 * <p>Example, for a filtering stage with its default configuration:
 *
 * <pre>{@code
 * class MyFilterContractTest extends StageContract {
 *     protected Generator newGenerator() {
 *         return new MyFilter(MyFilterConfig.defaults());
 *     }
 * }
 * }</pre>
 */
public abstract class StageContract extends GeneratorContract {
    @Override
    protected boolean learns() {
        return false;
    }

    @Override
    protected boolean explains() {
        return false;
    }
}
