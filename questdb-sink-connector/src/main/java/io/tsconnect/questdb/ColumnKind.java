package io.tsconnect.questdb;

/** How a column value is sent over ILP, which decides the QuestDB column type when ILP creates the column. */
public enum ColumnKind {
    /** SYMBOL (a String). */
    SYMBOL,
    /** VARCHAR (a String); also UUID, DECIMAL or other typed columns the server casts text into. */
    STRING,
    /** LONG (a Long). */
    LONG,
    /** DOUBLE (a Double). */
    DOUBLE,
    /** BOOLEAN (a Boolean). */
    BOOLEAN,
    /** TIMESTAMP (a Long of microseconds). */
    TIMESTAMP_MICROS,
    /** TIMESTAMP_NS (a Long of nanoseconds). */
    TIMESTAMP_NANOS,
    /** DECIMAL (a BigDecimal; needs ILP protocol version 3, QuestDB 9.2+). */
    DECIMAL,
    /** DOUBLE[] (a double[]). */
    DOUBLE_ARRAY
}
