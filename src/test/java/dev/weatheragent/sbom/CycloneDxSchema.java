package dev.weatheragent.sbom;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;

import java.util.List;

/**
 * The CycloneDX 1.6 JSON schema, loaded from the copy in src/test/resources/sbom (NOTICE.cyclonedx.txt): its
 * references to the SPDX and JSF schemas resolve there too, so validation needs no network.
 */
final class CycloneDxSchema {

    private static final String ID_PREFIX = "http://cyclonedx.org/schema/";

    /** Draft 7 plus the two annotations CycloneDX's schema uses, which would otherwise be warned about. */
    private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft7())
            .keyword(new NonValidationKeyword("meta:enum"))
            .keyword(new NonValidationKeyword("deprecated"))
            .build();

    private final Schema schema = SchemaRegistry.withDefaultDialect(DIALECT,
                    registry -> registry.schemaIdResolvers(ids -> ids.mapPrefix(ID_PREFIX, "classpath:sbom/")))
            .getSchema(SchemaLocation.of(ID_PREFIX + "bom-1.6.schema.json"));

    /** What the schema finds wrong with the JSON document; empty when it is a valid CycloneDX 1.6 BOM. */
    List<String> problems(String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }
}
