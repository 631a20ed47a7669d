package io.github.sfstreaming.spring.autoconfigure.userrepo;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An application's own Spring Data JDBC aggregate.
 *
 * @param id the id
 * @param number the invoice number
 */
@Table("INVOICE")
public record Invoice(@Id Long id, String number) {

}
