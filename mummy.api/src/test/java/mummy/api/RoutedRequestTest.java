package mummy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wrapper that gives a route's handler its path parameters and forwards everything else. */
class RoutedRequestTest {

    private static final Parameters PARAMS = Parameters.of(Map.of("id", "42"));

    @Test
    void everyRequestMethodIsDeclaredByTheWrapper() {
        List<String> missing = new ArrayList<>();
        for (Method method : requestMethods()) {
            try {
                RoutedRequest.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(method.toString());
            }
        }
        assertEquals(List.of(), missing, "RoutedRequest must delegate these Request methods too");
    }

    @Test
    void everyRequestMethodButPathParamsIsForwardedToTheOriginal() throws Exception {
        List<String> calls = new ArrayList<>();
        Request original = (Request) Proxy.newProxyInstance(Request.class.getClassLoader(),
                new Class<?>[] {Request.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + List.of(method.getParameterTypes()));
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
        RoutedRequest routed = new RoutedRequest(original, PARAMS);

        for (Method method : requestMethods()) {
            calls.clear();
            method.invoke(routed, sampleArguments(method));
            List<String> expected = method.getName().equals("pathParams")
                    ? List.of()
                    : List.of(method.getName() + List.of(method.getParameterTypes()));
            assertEquals(expected, calls, method.toString());
        }
        assertSame(PARAMS, routed.pathParams());
        assertSame(original, routed.original());
    }

    private static List<Method> requestMethods() {
        List<Method> methods = new ArrayList<>();
        for (Method method : Request.class.getMethods()) {
            if (!Modifier.isStatic(method.getModifiers())) {
                methods.add(method);
            }
        }
        return methods;
    }

    private static Object[] sampleArguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = sample(types[i], method);
        }
        return arguments;
    }

    private static Object sample(Class<?> type, Method method) {
        if (type == int.class) {
            return 200;
        } else if (type == String.class) {
            return "text";
        } else if (type == HttpHeaders.class) {
            return HttpHeaders.empty();
        } else if (type == byte[].class) {
            return new byte[0];
        } else if (type == java.nio.file.Path.class) {
            return java.nio.file.Path.of("file.txt");
        } else if (type == WebSocketOptions.class) {
            return WebSocketOptions.defaults();
        } else if (type == Class.class || type == java.lang.reflect.Type.class || type == Object.class) {
            return String.class;
        } else if (type == WebSocketHandler.class) {
            return SAMPLE_HANDLER;
        } else if (type == GenericType.class) {
            return new GenericType<List<String>>() { };
        }
        return fail("add a sample " + type.getName() + " for " + method);
    }

    private static final WebSocketHandler SAMPLE_HANDLER = (socket, event) -> { };
}
