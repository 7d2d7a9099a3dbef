package dev.braid.runtime.config;

import dev.braid.api.component.Param;
import dev.braid.api.component.ParamGroup;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * One parameter of a component's configuration record, as {@code braid plugins --verbose} shows it.
 *
 * @param name         the record component's name (the YAML key)
 * @param type         a readable type ({@code int}, {@code List<String>})
 * @param defaultValue the default as written in YAML, or {@code null} when required
 * @param description  from {@link Param}
 */
public record ParamInfo(String name, String type, String defaultValue, String description) {

    public boolean required() {
        return defaultValue == null;
    }

    /** The parameters of a configuration record, in declaration order, those of its {@link ParamGroup}s in place. */
    public static List<ParamInfo> of(Class<? extends Record> configType) {
        List<ParamInfo> out = new ArrayList<>();
        addTo(configType, out);
        return out;
    }

    private static void addTo(Class<? extends Record> configType, List<ParamInfo> out) {
        for (RecordComponent rc : configType.getRecordComponents()) {
            if (rc.isAnnotationPresent(ParamGroup.class)) {
                addTo(ParamBinder.groupType(configType, rc), out);
                continue;
            }
            Param p = rc.getAnnotation(Param.class);
            String def = p == null || Param.REQUIRED.equals(p.defaultValue()) ? null : p.defaultValue();
            out.add(new ParamInfo(rc.getName(), typeName(rc.getGenericType()), def,
                    p == null ? "" : p.description()));
        }
    }

    static String typeName(Type t) {
        return t.getTypeName().replaceAll("java\\.(lang|util)\\.", "").replaceAll("dev\\.braid\\.api\\.data\\.", "");
    }
}
