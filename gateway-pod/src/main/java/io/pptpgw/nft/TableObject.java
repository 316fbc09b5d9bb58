package io.pptpgw.nft;

import java.util.regex.Pattern;

/** Something that lives in a table and has a name there: a chain, a named set or map, or a ct helper. */
public sealed interface TableObject permits Chain, NamedSet, NftMap, CtHelper {
    /** nft identifiers: a letter first, then letters, digits, '_', '-' and '.'; at most 64 characters here. */
    Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    /** Comments: printable ASCII without quotes or backslashes, so they cannot end the quoted string early. */
    Pattern COMMENT = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]{0,128}");

    String name();

    static String checkName(String kind, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(kind + " name \"" + name
                    + "\" must start with a letter and contain only letters, digits, '_', '-' and '.' (at most 64)");
        }
        return name;
    }

    static String checkComment(String owner, String comment) {
        if (comment == null || !COMMENT.matcher(comment).matches()) {
            throw new IllegalArgumentException("comment of " + owner + " \"" + comment
                    + "\" must be at most 128 printable ASCII characters without '\"' or '\\'");
        }
        return comment;
    }
}
