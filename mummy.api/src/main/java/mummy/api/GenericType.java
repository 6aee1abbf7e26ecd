package mummy.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A generic type captured at compile time, for {@link Request#bodyAs(GenericType)}: Java erases
 * {@code List<Todo>} from {@code List.class}, so the type is taken from an anonymous subclass.
 *
 * <pre>{@code
 * static final GenericType<List<Todo>> TODOS = new GenericType<>() {};
 * ...
 * List<Todo> todos = request.bodyAs(TODOS);
 * }</pre>
 *
 * <p>Threading: immutable.
 *
 * @param <T> the captured type
 */
public abstract class GenericType<T> {

    private final Type type;

    /**
     * Captures the type argument of the anonymous subclass being created.
     *
     * @throws IllegalStateException if the subclass gives no type argument ({@code new GenericType() {}})
     */
    protected GenericType() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType parameterized)) {
            throw new IllegalStateException("GenericType needs a type argument: new GenericType<List<Todo>>() {}");
        }
        this.type = parameterized.getActualTypeArguments()[0];
    }

    /**
     * The captured type.
     *
     * @return the type, such as {@code java.util.List<com.example.Todo>}
     */
    public final Type type() {
        return type;
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof GenericType<?> generic && type.equals(generic.type);
    }

    @Override
    public final int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return "GenericType[" + type.getTypeName() + "]";
    }
}
